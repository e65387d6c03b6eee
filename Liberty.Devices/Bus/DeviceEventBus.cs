using System.Collections.Concurrent;
using Liberty.Devices.Model;

namespace Liberty.Devices.Bus;

/// <summary>
/// Fans device events out to the actors subscribed to each device: the node's device publish/subscribe
/// hub, and the seam the cluster layer extends across nodes (<see cref="IDeviceEventUplink"/>).
/// </summary>
/// <remarks>
/// <para><b>Never blocks the publisher:</b> each subscriber gets the event with <c>TryTell</c>. A
/// subscriber whose bounded mailbox (a task thread's event queue) is full loses that event only; the
/// loss is counted per subscriber and in total (<see cref="Dropped"/>), and the other subscribers still
/// get it. Subscribers with unbounded mailboxes never lose events.</para>
/// <para><b>Ordering:</b> events published by one thread (a device actor) reach each subscriber in
/// publish order.</para>
/// <para><b>Thread safety:</b> every member may be called from any thread. Subscription lists are
/// copy-on-write, so <see cref="Publish"/> takes no lock. A subscriber is removed by
/// <see cref="Unsubscribe"/> or <see cref="UnsubscribeAll"/> (the engine does this when a thread ends).</para>
/// </remarks>
public sealed class DeviceEventBus
{
    private readonly ConcurrentDictionary<long, IDeviceEventSink[]> _byDevice = new();
    private readonly ConcurrentDictionary<IDeviceEventSink, StrongBox> _dropsBySubscriber = new();
    private readonly Lock _lock = new();
    private long _published;
    private long _delivered;
    private long _dropped;

    /// <summary>Told about local publishes and subscription changes (the cluster transport); null on a single node.</summary>
    public IDeviceEventUplink? Uplink { get; set; }

    /// <summary>Events published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Deliveries (event × subscriber) that were queued.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries lost to full subscriber queues.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Subscribes <paramref name="subscriber"/> to the events of device <paramref name="deviceId"/>.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <param name="subscriber">Who receives <see cref="DeviceEvent"/> messages.</param>
    /// <returns>False when it was already subscribed.</returns>
    public bool Subscribe(long deviceId, IDeviceEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        bool first;
        lock (_lock)
        {
            var current = _byDevice.TryGetValue(deviceId, out var list) ? list : [];
            if (Array.IndexOf(current, subscriber) >= 0)
            {
                return false;
            }
            _byDevice[deviceId] = [.. current, subscriber];
            first = current.Length == 0;
        }
        if (first)
        {
            Uplink?.SubscriptionChanged(deviceId, hasLocalSubscribers: true);
        }
        return true;
    }

    /// <summary>Removes one subscription.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <param name="subscriber">The subscriber.</param>
    /// <returns>Whether it existed.</returns>
    public bool Unsubscribe(long deviceId, IDeviceEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        bool last;
        lock (_lock)
        {
            if (!_byDevice.TryGetValue(deviceId, out var list) || Array.IndexOf(list, subscriber) < 0)
            {
                return false;
            }
            var next = Array.FindAll(list, s => !s.Equals(subscriber));
            if (next.Length == 0)
            {
                _byDevice.TryRemove(deviceId, out _);
            }
            else
            {
                _byDevice[deviceId] = next;
            }
            last = next.Length == 0;
        }
        if (last)
        {
            Uplink?.SubscriptionChanged(deviceId, hasLocalSubscribers: false);
        }
        return true;
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/> and forgets its drop count.</summary>
    /// <param name="subscriber">The subscriber.</param>
    public void UnsubscribeAll(IDeviceEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        foreach (var deviceId in _byDevice.Keys)
        {
            Unsubscribe(deviceId, subscriber);
        }
        _dropsBySubscriber.TryRemove(subscriber, out _);
    }

    /// <summary>The current subscribers of a device.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<IDeviceEventSink> SubscribersOf(long deviceId) => _byDevice.TryGetValue(deviceId, out var list) ? list : [];

    /// <summary>Events <paramref name="subscriber"/> lost to a full queue so far.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <returns>The count.</returns>
    public long DroppedFor(IDeviceEventSink subscriber) =>
        _dropsBySubscriber.TryGetValue(subscriber, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>
    /// Publishes an event of a device on this node: local subscribers get it, and the uplink (if any)
    /// carries it to other nodes.
    /// </summary>
    /// <param name="deviceEvent">The event.</param>
    /// <returns>How many subscribers it was queued for.</returns>
    public int Publish(DeviceEvent deviceEvent)
    {
        var delivered = DeliverLocally(deviceEvent);
        Uplink?.Published(deviceEvent);
        return delivered;
    }

    /// <summary>
    /// Delivers an event to local subscribers only: for events that arrived from another node through
    /// the uplink (so they are not sent back out).
    /// </summary>
    /// <param name="deviceEvent">The event.</param>
    /// <returns>How many subscribers it was queued for.</returns>
    public int DeliverLocally(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        Interlocked.Increment(ref _published);
        if (!_byDevice.TryGetValue(deviceEvent.Id, out var subscribers))
        {
            return 0;
        }
        var delivered = 0;
        foreach (var subscriber in subscribers)
        {
            if (subscriber.TryDeliver(deviceEvent))
            {
                delivered++;
            }
            else
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _dropsBySubscriber.GetOrAdd(subscriber, static _ => new StrongBox()).Value);
            }
        }
        Interlocked.Add(ref _delivered, delivered);
        return delivered;
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
