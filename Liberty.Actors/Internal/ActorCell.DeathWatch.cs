namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{

    public IActorRef Watch(IActorRef subject) => WatchWithInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchWithInternal(subject, message);
    }

    private IActorRef WatchWithInternal(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self))
        {
            return subject;
        }
        WatchingMap ??= [];
        var isNew = !WatchingMap.ContainsKey(subject);
        WatchingMap[subject] = message;
        if (isNew)
        {
            ActorSystem.AsInternal(subject).SendSystemMessage(new Watch(ActorSystem.AsInternal(subject), Self));
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (WatchingMap is not null && WatchingMap.Remove(subject))
        {
            ActorSystem.AsInternal(subject).SendSystemMessage(new Unwatch(ActorSystem.AsInternal(subject), Self));
        }
        TerminatedQueued?.Remove(subject);
        return subject;
    }

    private void HandleWatch(Watch watch)
    {
        if (ReferenceEquals(watch.Watcher, Self) || watch.Watcher.Equals(Self))
        {
            return;
        }
        if (_state >= StateTerminated)
        {
            HandlePostMortem(watch);
            return;
        }
        (WatchedBySet ??= []).Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch) => WatchedBySet?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notice)
    {
        if (IsChild(notice.Actor, out var child))
        {
            HandleChildTerminated(child);
        }
        if (WatchingMap is null || !TryRemoveWatching(notice.Actor, out var watched, out var custom))
        {
            return;
        }
        if (_state >= StateTerminating)
        {
            return;
        }
        (TerminatedQueued ??= []).Add(watched);
        var message = custom ?? new Terminated(watched, notice.ExistenceConfirmed, notice.AddressTerminated);
        SendMessage(new DeathWatchDelivery(watched, message), notice.Actor);
    }

    /// <summary>
    /// Finds the watch a notice answers. A remote ref resolved from a path without uid watches whatever
    /// incarnation lives there, while the notice names that incarnation (with its uid): match such
    /// watches by path. <paramref name="watched"/> is the ref the actor watched.
    /// </summary>
    private bool TryRemoveWatching(IActorRef actor, out IActorRef watched, out object? custom)
    {
        watched = actor;
        var watching = WatchingMap!;
        if (watching.Remove(actor, out custom))
        {
            return true;
        }
        if (actor is InternalActorRef { IsLocal: false })
        {
            foreach (var (key, value) in watching)
            {
                if (key.Path.Uid == 0 && key.Path.Equals(actor.Path))
                {
                    watching.Remove(key);
                    watched = key;
                    custom = value;
                    return true;
                }
            }
        }
        return false;
    }

    private bool TryTakeQueuedTermination(IActorRef actor) => TerminatedQueued is not null && TerminatedQueued.Remove(actor);

    private void TellWatchersWeDied()
    {
        if (WatchedBySet is null)
        {
            return;
        }
        foreach (var watcher in WatchedBySet)
        {
            if (!watcher.Equals(_parent))
            {
                ActorSystem.AsInternal(watcher).SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            }
        }
        WatchedBySet = null;
    }

    private void UnwatchWatchedActors()
    {
        if (WatchingMap is null)
        {
            return;
        }
        foreach (var watchee in WatchingMap.Keys)
        {
            ActorSystem.AsInternal(watchee).SendSystemMessage(new Unwatch(ActorSystem.AsInternal(watchee), Self));
        }
        WatchingMap = null;
        TerminatedQueued = null;
    }

    /// <summary>
    /// Delivers a death notice for every watched actor at <paramref name="address"/> (its node left or went down).
    /// Runs on this actor's thread through a system message.
    /// </summary>
    public void NotifyAddressTerminated(Address address)
    {
        if (WatchingMap is null)
        {
            return;
        }
        foreach (var watchee in WatchingMap.Keys.Where(w => w.Path.Address == address).ToList())
        {
            HandleDeathWatchNotification(new DeathWatchNotification(watchee, existenceConfirmed: true, addressTerminated: true));
        }
    }
}
