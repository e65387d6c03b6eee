namespace Liberty.Actors.Events;

/// <summary>
/// The system-wide publish/subscribe bus by message type (Akka's <c>EventStream</c>): a subscriber to
/// type <c>T</c> receives every published event assignable to <c>T</c>.
/// </summary>
/// <remarks>
/// <b>Thread safety:</b> every member may be called from any thread. Subscriptions are copy-on-write,
/// so <see cref="Publish"/> takes no lock. <b>Ordering:</b> events published by one thread reach each
/// subscriber in publish order. A subscriber subscribed to two matching types receives an event once.
/// </remarks>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>.</summary>
    /// <param name="subscriber">Who receives the events.</param>
    /// <param name="channel">The event type (or base type/interface).</param>
    /// <returns>False when that exact subscription already existed.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            foreach (var s in _subscriptions)
            {
                if (s.Channel == channel && s.Subscriber.Equals(subscriber))
                {
                    return false;
                }
            }
            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    /// <summary>Removes one subscription.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <param name="channel">The event type it subscribed to.</param>
    /// <returns>Whether it existed.</returns>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            var next = Array.FindAll(_subscriptions, s => !(s.Channel == channel && s.Subscriber.Equals(subscriber)));
            var removed = next.Length != _subscriptions.Length;
            _subscriptions = next;
            return removed;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    /// <param name="subscriber">The subscriber.</param>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !s.Subscriber.Equals(subscriber));
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber (no sender).</summary>
    /// <param name="event">The event.</param>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var subs = Volatile.Read(ref _subscriptions);
        if (subs.Length == 0)
        {
            return;
        }
        var type = @event.GetType();
        IActorRef? first = null;
        HashSet<IActorRef>? seen = null;
        foreach (var s in subs)
        {
            if (!s.Channel.IsAssignableFrom(type))
            {
                continue;
            }
            if (first is null)
            {
                first = s.Subscriber;
            }
            else if (s.Subscriber.Equals(first) || !(seen ??= [first]).Add(s.Subscriber))
            {
                continue;
            }
            s.Subscriber.Tell(@event, null);
        }
    }

    /// <summary>Whether anyone listens to events of <paramref name="type"/> (cheap check before building an event).</summary>
    /// <param name="type">The event type.</param>
    /// <returns>True when at least one subscription matches.</returns>
    public bool HasSubscribers(Type type)
    {
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (s.Channel.IsAssignableFrom(type))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
