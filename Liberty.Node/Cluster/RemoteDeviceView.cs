using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// What <see cref="RemoteDevices"/> knows of one device of another node: its fleet directory record, its directory
/// entry, and, while local tasks watch it, the attribute cache its owner keeps current.
/// </summary>
/// <remarks><b>Thread:</b> owned by the <see cref="RemoteDevices"/> actor; not thread-safe.</remarks>
internal sealed class RemoteDeviceView(DeviceRecord record, DeviceEntry entry)
{
    private readonly Dictionary<(int Cluster, int Attribute), AttributeReading> _cache = [];
    private bool _cacheOk;
    private DateTimeOffset? _cacheHeard;

    /// <summary>The owner's latest record.</summary>
    public DeviceRecord Record { get; set; } = record;

    /// <summary>The directory entry (replaced when the record's description of the device changes).</summary>
    public DeviceEntry Entry { get; set; } = entry;

    /// <summary>Whether local subscribers watch it.</summary>
    public bool Interested { get; set; }

    /// <summary>Whether the owner answered the current watch with a snapshot (or said it has no such device).</summary>
    public bool Primed { get; set; }

    /// <summary>Whether the cache reflects the owner since its node was last available (a snapshot or an event arrived).</summary>
    public bool CacheValid { get; private set; }

    /// <summary>Whether its node became unavailable since the record was written: the record's ok is not to be believed.</summary>
    public bool Stale { get; set; }

    /// <summary>The liveness local subscribers were last told (by an event from the owner or one made here).</summary>
    public bool ToldOk { get; set; }

    /// <summary>The device's own liveness as far as this node knows (its node's availability aside).</summary>
    public bool DeviceOk => CacheValid ? _cacheOk : !Stale && Record.Ok;

    /// <summary>Applies an event from the owner.</summary>
    /// <param name="remote">The event and when the owner published it.</param>
    public void Apply(RemoteDeviceEvent remote)
    {
        var e = remote.Event;
        _cacheOk = e.Ok;
        if (e.Ok)
        {
            _cacheHeard = Later(_cacheHeard, remote.At);
            if (e.Type == EventType.AttributeReport && e.Attributes is { } attributes)
            {
                foreach (var (attribute, value) in attributes)
                {
                    _cache[(e.Cluster, attribute)] = new AttributeReading(e.Cluster, attribute, value, remote.At);
                }
            }
        }
        CacheValid = true;
        Stale = false;
    }

    /// <summary>Takes the owner's snapshot (values reported after it, already cached, are kept).</summary>
    /// <param name="snapshot">The owner's snapshot.</param>
    public void Prime(DeviceSnapshot snapshot)
    {
        foreach (var reading in snapshot.Attributes)
        {
            var key = (reading.Cluster, reading.Attribute);
            if (!_cache.TryGetValue(key, out var cached) || cached.ReportedAt <= reading.ReportedAt)
            {
                _cache[key] = reading;
            }
        }
        _cacheOk = snapshot.Ok;
        _cacheHeard = Later(_cacheHeard, snapshot.LastHeard);
        CacheValid = true;
        Stale = false;
        Primed = true;
    }

    /// <summary>Forgets what the owner said (its node became unavailable, or nobody here watches any more).</summary>
    /// <param name="keepValues">True to keep the attribute values (shown, not ok, while the node is away).</param>
    public void Invalidate(bool keepValues)
    {
        if (!keepValues)
        {
            _cache.Clear();
            _cacheHeard = null;
        }
        CacheValid = false;
        Primed = false;
    }

    /// <summary>The snapshot readers see.</summary>
    /// <param name="ok">The liveness to show.</param>
    /// <returns>The snapshot: attributes only while watched.</returns>
    public DeviceSnapshot ToSnapshot(bool ok)
    {
        IReadOnlyList<AttributeReading> readings = Interested
            ? [.. _cache.Values.OrderBy(static r => r.Cluster).ThenBy(static r => r.Attribute)]
            : [];
        return new DeviceSnapshot(Entry.Info, ok, Later(Record.LastHeard, _cacheHeard), readings);
    }

    /// <summary>
    /// The events that announce a liveness change, shaped as a local device's (<see cref="DeviceState.SetOk"/>): one
    /// attribute report per declared cluster with the cached values, no affected attributes, source Report.
    /// </summary>
    /// <param name="ok">The new liveness.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<DeviceEvent> LivenessEvents(bool ok)
    {
        var events = new List<DeviceEvent>(Entry.Info.Clusters.Count);
        foreach (var cluster in Entry.Info.Clusters)
        {
            var attributes = new Dictionary<int, AttributeValue>();
            foreach (var ((c, attribute), reading) in _cache)
            {
                if (c == cluster)
                {
                    attributes[attribute] = reading.Value;
                }
            }
            events.Add(DeviceEvent.ForReport(Record.Id, cluster, attributes, null, EventSource.Report, ok));
        }
        return events;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
