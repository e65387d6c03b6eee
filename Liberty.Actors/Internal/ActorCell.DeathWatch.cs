namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{
    // Actors this one watches, with the message to receive (null: Terminated). Actor thread only.
    private Dictionary<IActorRef, object?>? _watching;

    // Actors watching this one. Actor thread only.
    private HashSet<IActorRef>? _watchedBy;

    // Watched actors whose notice is in the user queue; Unwatch removes the entry so the notice is dropped.
    private HashSet<IActorRef>? _terminatedQueued;

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
        _watching ??= [];
        var isNew = !_watching.ContainsKey(subject);
        _watching[subject] = message;
        if (isNew)
        {
            ActorSystem.AsInternal(subject).SendSystemMessage(new Watch(ActorSystem.AsInternal(subject), Self));
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_watching is not null && _watching.Remove(subject))
        {
            ActorSystem.AsInternal(subject).SendSystemMessage(new Unwatch(ActorSystem.AsInternal(subject), Self));
        }
        _terminatedQueued?.Remove(subject);
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
        (_watchedBy ??= []).Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notice)
    {
        if (IsChild(notice.Actor, out var child))
        {
            HandleChildTerminated(child);
        }
        if (_watching is null || !TryRemoveWatching(notice.Actor, out var watched, out var custom))
        {
            return;
        }
        if (_state >= StateTerminating)
        {
            return;
        }
        (_terminatedQueued ??= []).Add(watched);
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
        if (_watching!.Remove(actor, out custom))
        {
            return true;
        }
        if (actor is InternalActorRef { IsLocal: false })
        {
            foreach (var (key, value) in _watching)
            {
                if (key.Path.Uid == 0 && key.Path.Equals(actor.Path))
                {
                    _watching.Remove(key);
                    watched = key;
                    custom = value;
                    return true;
                }
            }
        }
        return false;
    }

    private bool TryTakeQueuedTermination(IActorRef actor) => _terminatedQueued is not null && _terminatedQueued.Remove(actor);

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null)
        {
            return;
        }
        foreach (var watcher in _watchedBy)
        {
            if (!watcher.Equals(_parent))
            {
                ActorSystem.AsInternal(watcher).SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            }
        }
        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null)
        {
            return;
        }
        foreach (var watchee in _watching.Keys)
        {
            ActorSystem.AsInternal(watchee).SendSystemMessage(new Unwatch(ActorSystem.AsInternal(watchee), Self));
        }
        _watching = null;
        _terminatedQueued = null;
    }

    /// <summary>
    /// Delivers a death notice for every watched actor at <paramref name="address"/> (its node left or went down).
    /// Runs on this actor's thread through a system message.
    /// </summary>
    public void NotifyAddressTerminated(Address address)
    {
        if (_watching is null)
        {
            return;
        }
        foreach (var watchee in _watching.Keys.Where(w => w.Path.Address == address).ToList())
        {
            HandleDeathWatchNotification(new DeathWatchNotification(watchee, existenceConfirmed: true, addressTerminated: true));
        }
    }
}
