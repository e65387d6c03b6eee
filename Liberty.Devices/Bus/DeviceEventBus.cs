using System.Collections.Concurrent;
using Liberty.Devices.Model;

namespace Liberty.Devices.Bus;

/// <summary>
/// Fans device events out to the sinks subscribed to each device: the node's device publish/subscribe
/// hub, and the seam the cluster layer extends across nodes (<see cref="IDeviceEventUplink"/>).
/// </summary>
/// <remarks>
/// <para><b>Never blocks the publisher:</b> each subscriber gets the event through
/// <see cref="IDeviceEventSink.TryDeliver"/>. A sink that refuses it (a task thread whose bounded event
/// queue is full) loses that event only; the loss is counted per sink (<see cref="DroppedFor"/>) and in
/// total (<see cref="Dropped"/>), and the other subscribers still get it. Actor subscribers
/// (<see cref="ActorDeviceEventSink"/>) never refuse.</para>
/// <para><b>Thread:</b> every member may be called from any thread. Subscription lists are copy-on-write,
/// so <see cref="Publish"/> takes no lock and calls sinks with no lock held. A subscriber is removed by
/// <see cref="Unsubscribe"/> or <see cref="UnsubscribeAll"/> (the engine does this when a thread ends).</para>
/// <para><b>Cancellation:</b> none; every call completes at once.</para>
/// <para><b>Ordering:</b> events published by one thread (a device actor) reach each sink in publish
/// order, as far as the sink keeps the order of calls (the contract of <see cref="IDeviceEventSink"/>).
/// A subscription made while a publish runs may or may not get that event.</para>
/// </remarks>
public sealed class DeviceEventBus
{
    // _byDevice: written under _lock (Subscribe/Unsubscribe) by replacing whole arrays, read lock-free by
    // DeliverLocally and SubscribersOf. _dropsBySubscriber: created lock-free on a sink's first drop,
    // removed by UnsubscribeAll; its counters are Interlocked. The three totals are Interlocked.
    private readonly ConcurrentDictionary<long, IDeviceEventSink[]> _byDevice = new();
    private readonly ConcurrentDictionary<IDeviceEventSink, DropCount> _dropsBySubscriber = new();
    private readonly Lock _lock = new();
    private long _published;
    private long _delivered;
    private long _dropped;

    /// <summary>Told about local publishes and subscription changes (the cluster transport); null on a single node.</summary>
    public IDeviceEventUplink? Uplink { get; set; }

    /// <summary>Events published so far (locally and from other nodes).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Deliveries (event × subscriber) that a sink accepted.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries that a sink refused (its queue was full).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Subscribes <paramref name="subscriber"/> to the events of device <paramref name="deviceId"/>.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <param name="subscriber">Where the device's events go; sinks are told apart by <see cref="object.Equals(object)"/>.</param>
    /// <returns>True when subscribed; false when it already was (nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    /// <remarks>
    /// <para><b>Thread:</b> any. <b>Cancellation:</b> none. <b>Ordering:</b> the uplink hears of the first
    /// local subscriber of a device after the subscription is in place.</para>
    /// </remarks>
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
    /// <returns>True when it existed and was removed; false when there was no such subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    /// <remarks>
    /// <para><b>Thread:</b> any. <b>Cancellation:</b> none. <b>Ordering:</b> a publish already running may
    /// still deliver one event to the sink; none that starts after the call returned does.</para>
    /// </remarks>
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
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    /// <remarks>
    /// <para><b>Thread:</b> any. <b>Cancellation:</b> none. <b>Ordering:</b> as <see cref="Unsubscribe"/>, per device.</para>
    /// </remarks>
    public void UnsubscribeAll(IDeviceEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        foreach (var deviceId in _byDevice.Keys)
        {
            Unsubscribe(deviceId, subscriber);
        }
        _dropsBySubscriber.TryRemove(subscriber, out _);
    }

    /// <summary>The devices that have at least one local subscriber now (for an uplink attached after subscriptions were made).</summary>
    /// <returns>A snapshot of their numeric ids, in no particular order.</returns>
    public IReadOnlyList<long> SubscribedDevices() => [.. _byDevice.Keys];

    /// <summary>The current subscribers of a device.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <returns>A snapshot, in subscription order; empty when there are none.</returns>
    public IReadOnlyList<IDeviceEventSink> SubscribersOf(long deviceId) => _byDevice.TryGetValue(deviceId, out var list) ? list : [];

    /// <summary>Events <paramref name="subscriber"/> refused so far (since its last <see cref="UnsubscribeAll"/>).</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <returns>The count; 0 for a sink that never refused or that the bus does not know.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    public long DroppedFor(IDeviceEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return _dropsBySubscriber.TryGetValue(subscriber, out var count) ? Interlocked.Read(ref count.Value) : 0;
    }

    /// <summary>
    /// Publishes an event of a device on this node: local subscribers get it, and the uplink (if any)
    /// carries it to other nodes.
    /// </summary>
    /// <param name="deviceEvent">The event.</param>
    /// <returns>How many sinks accepted it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deviceEvent"/> is null.</exception>
    /// <remarks>
    /// <para><b>Thread:</b> any; never blocks. <b>Cancellation:</b> none. <b>Ordering:</b> see the class remarks.</para>
    /// </remarks>
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
    /// <returns>How many sinks accepted it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deviceEvent"/> is null.</exception>
    /// <remarks>
    /// <para><b>Thread:</b> any; never blocks. <b>Cancellation:</b> none. <b>Ordering:</b> see the class remarks.</para>
    /// </remarks>
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
                Interlocked.Increment(ref _dropsBySubscriber.GetOrAdd(subscriber, static _ => new DropCount()).Value);
            }
        }
        Interlocked.Add(ref _delivered, delivered);
        return delivered;
    }

    private sealed class DropCount
    {
        public long Value;
    }
}
