namespace Liberty.Devices.Model;

/// <summary>
/// A device's cached view, kept by its owner: attribute values with the time each was last reported, liveness
/// (<see cref="Ok"/>) and when the device was last heard from. Reads never block and never reach the device.
/// </summary>
/// <remarks>
/// <b>Thread:</b> single owner (the device actor); not thread-safe. Hand <see cref="ToSnapshot"/> to anyone else.
/// <b>Cancellation:</b> not applicable (synchronous).
/// <b>Ordering:</b> the cache reflects events in the order the owner applies them.
/// </remarks>
public sealed class DeviceState
{
    private readonly Dictionary<AttributeKey, ReportedValue> _attributes = [];

    /// <summary>Creates the state of a device that has not been heard from yet (<see cref="Ok"/> false).</summary>
    /// <param name="info">What the device is.</param>
    public DeviceState(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
    }

    /// <summary>What the device is.</summary>
    public DeviceInfo Info { get; }

    /// <summary>Whether the device is reachable; false until the owner learns otherwise.</summary>
    public bool Ok { get; private set; }

    /// <summary>When the device was last heard from (a report, an emitted command, a liveness answer); null if never.</summary>
    public DateTimeOffset? LastHeard { get; private set; }

    /// <summary>The number of cached attributes.</summary>
    public int AttributeCount => _attributes.Count;

    /// <summary>
    /// Applies an event the device produced: an attribute report updates the cache (only when <see cref="DeviceEvent.Ok"/>)
    /// and every event from the device marks it heard at <paramref name="now"/>.
    /// </summary>
    /// <param name="deviceEvent">An event of this device.</param>
    /// <param name="now">The owner's current time.</param>
    /// <exception cref="ArgumentException">The event is for another device.</exception>
    public void Apply(DeviceEvent deviceEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        if (deviceEvent.Id != Info.Id.Value)
        {
            throw new ArgumentException($"Event for device {deviceEvent.Id} applied to device {Info.Id.Value} ({Info.Id.Name}).", nameof(deviceEvent));
        }
        if (!deviceEvent.Ok)
        {
            return;
        }
        if (deviceEvent.Type == EventType.AttributeReport && deviceEvent.Attributes is { } attributes)
        {
            foreach (var (attribute, value) in attributes)
            {
                _attributes[new AttributeKey(deviceEvent.Cluster, attribute)] = new ReportedValue(value, now);
            }
        }
        LastHeard = now;
    }

    /// <summary>
    /// Restores last-known attribute values (saved by the journal before a restart) into an empty cache, so reads answer
    /// with them at once. They keep their original report times and are marked <see cref="ReportedValue.Restored"/> until the
    /// device reports them again. Restoring does not mark the device heard (<see cref="LastHeard"/> stays null) and does
    /// not change <see cref="Ok"/>: reads still answer only while the device is ok, as decided by its driver. Readings of
    /// clusters the device does not declare are ignored; a value already in the cache is not replaced.
    /// </summary>
    /// <param name="readings">The last-known readings (e.g. <see cref="DeviceSnapshot.Attributes"/> of a saved snapshot).</param>
    /// <returns>The number of values restored.</returns>
    public int Restore(IEnumerable<AttributeReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var restored = 0;
        foreach (var reading in readings)
        {
            if (Info.SupportsCluster(reading.Cluster) && _attributes.TryAdd(new AttributeKey(reading.Cluster, reading.Attribute), new ReportedValue(reading.Value, reading.ReportedAt, Restored: true)))
            {
                restored++;
            }
        }
        return restored;
    }

    /// <summary>Marks the device heard from at <paramref name="now"/> without a report (e.g. a liveness answer).</summary>
    /// <param name="now">The owner's current time.</param>
    public void MarkHeard(DateTimeOffset now) => LastHeard = now;

    /// <summary>
    /// Changes liveness. On a change, returns the events that tell subscribers: one attribute report per declared
    /// cluster, carrying the cached attributes of that cluster (possibly none), no affected attributes, source
    /// <see cref="EventSource.Report"/> and the new <see cref="DeviceEvent.Ok"/>. Going ok also marks the device heard.
    /// </summary>
    /// <param name="ok">The new liveness.</param>
    /// <param name="now">The owner's current time.</param>
    /// <returns>The events to publish; empty when liveness did not change.</returns>
    public IReadOnlyList<DeviceEvent> SetOk(bool ok, DateTimeOffset now)
    {
        if (ok)
        {
            LastHeard = now;
        }
        if (ok == Ok)
        {
            return [];
        }
        Ok = ok;
        var events = new List<DeviceEvent>(Info.Clusters.Count);
        foreach (var cluster in Info.Clusters)
        {
            events.Add(DeviceEvent.ForReport(Info.Id.Value, cluster, GetClusterAttributes(cluster), null, EventSource.Report, ok));
        }
        return events;
    }

    /// <summary>Looks up a cached attribute.</summary>
    /// <param name="cluster">The cluster id.</param>
    /// <param name="attribute">The attribute id.</param>
    /// <param name="value">The value and its report time when found.</param>
    /// <returns>True when the attribute has been reported.</returns>
    public bool TryGetAttribute(int cluster, int attribute, out ReportedValue value) =>
        _attributes.TryGetValue(new AttributeKey(cluster, attribute), out value);

    /// <summary>Returns the cached attributes of one cluster (attribute id → value).</summary>
    /// <param name="cluster">The cluster id.</param>
    /// <returns>A new map; empty when nothing was reported for the cluster.</returns>
    public Dictionary<int, AttributeValue> GetClusterAttributes(int cluster)
    {
        var result = new Dictionary<int, AttributeValue>();
        foreach (var (key, reported) in _attributes)
        {
            if (key.Cluster == cluster)
            {
                result[key.Attribute] = reported.Value;
            }
        }
        return result;
    }

    /// <summary>
    /// <c>Libre_DeviceOnOffGet</c>: the OnOff attribute, or for a device with a level but no OnOff attribute,
    /// level &gt; 0.
    /// </summary>
    /// <param name="on">Whether the device is on, when known.</param>
    /// <returns>False when the state is unknown or the device is not <see cref="Ok"/>.</returns>
    public bool TryGetOnOff(out bool on)
    {
        on = false;
        if (!Ok)
        {
            return false;
        }
        if (TryGetAttribute(ClusterIds.OnOff, AttributeIds.OnOff.State, out var state) && state.Value.TryGetBoolean(out on))
        {
            return true;
        }
        if (TryGetLevel(out var level))
        {
            on = level > 0;
            return true;
        }
        return false;
    }

    /// <summary><c>Libre_DeviceLevelGet</c>: the CurrentLevel attribute, 0..255.</summary>
    /// <param name="level">The level, when known.</param>
    /// <returns>False when the level is unknown or the device is not <see cref="Ok"/>.</returns>
    public bool TryGetLevel(out int level)
    {
        level = 0;
        if (Ok && TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out var current) && current.Value.TryGetInt64(out var value))
        {
            level = (int)value;
            return true;
        }
        return false;
    }

    /// <summary>Copies the state for others to read.</summary>
    /// <returns>An immutable snapshot.</returns>
    public DeviceSnapshot ToSnapshot()
    {
        var readings = _attributes
            .OrderBy(static p => p.Key.Cluster).ThenBy(static p => p.Key.Attribute)
            .Select(static p => new AttributeReading(p.Key.Cluster, p.Key.Attribute, p.Value.Value, p.Value.ReportedAt, p.Value.Restored))
            .ToList();
        return new DeviceSnapshot(Info, Ok, LastHeard, readings);
    }
}
