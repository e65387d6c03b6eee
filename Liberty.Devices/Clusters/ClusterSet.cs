using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// The cluster behaviours of one emulated or mirrored device over one <see cref="AttributeTable"/>: routes commands and
/// writes by cluster, merges the behaviours' due times, and turns recorded changes into attribute reports.
/// </summary>
/// <remarks>Single owner (a driver); not thread-safe. See <see cref="ClusterBehaviour"/> for the tick model.</remarks>
internal sealed class ClusterSet
{
    private readonly Dictionary<int, ClusterBehaviour> _behaviours = [];
    private readonly List<int> _clusters = [];

    /// <summary>The device's attribute values.</summary>
    public AttributeTable Table { get; } = new();

    /// <summary>The clusters, in the order they were added.</summary>
    public IReadOnlyList<int> Clusters => _clusters;

    /// <summary>The earliest due time of any behaviour; null when none is scheduled.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? earliest = null;
            foreach (var behaviour in _behaviours.Values)
            {
                if (behaviour.NextDue is { } due && (earliest is null || due < earliest))
                {
                    earliest = due;
                }
            }
            return earliest;
        }
    }

    /// <summary>Adds a behaviour (one per cluster) and returns it.</summary>
    public T Add<T>(T behaviour)
        where T : ClusterBehaviour
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        _behaviours.Add(behaviour.ClusterId, behaviour);
        _clusters.Add(behaviour.ClusterId);
        return behaviour;
    }

    /// <summary>The behaviour of a cluster, if any.</summary>
    public T? Get<T>(int cluster)
        where T : ClusterBehaviour =>
        _behaviours.TryGetValue(cluster, out var behaviour) ? behaviour as T : null;

    /// <summary>Executes a command on the cluster it addresses.</summary>
    public CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return _behaviours.TryGetValue(command.Cluster, out var behaviour)
            ? behaviour.Execute(command.Command, command.Arguments, command.Source, now)
            : UnsupportedCluster(command.Cluster);
    }

    /// <summary>Writes attributes of the cluster the write addresses, all or none.</summary>
    public CommandResult Write(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        return _behaviours.TryGetValue(write.Cluster, out var behaviour)
            ? behaviour.Write(write.Values, write.Source, now)
            : UnsupportedCluster(write.Cluster);
    }

    /// <summary>Ticks every behaviour that is due at <paramref name="now"/>.</summary>
    public void Tick(DateTimeOffset now)
    {
        foreach (var behaviour in _behaviours.Values)
        {
            if (behaviour.NextDue is { } due && due <= now)
            {
                behaviour.Tick(now);
            }
        }
    }

    /// <summary>
    /// Turns the recorded changes into attribute reports of device <paramref name="deviceId"/>: one per cluster and
    /// source, <c>v</c> = every attribute of the cluster, <c>a</c> = the changed ones.
    /// </summary>
    public List<DeviceEvent> TakeReports(long deviceId)
    {
        var reports = new List<DeviceEvent>();
        foreach (var change in Table.TakeChanges())
        {
            reports.Add(DeviceEvent.ForReport(deviceId, change.Cluster, Table.GetCluster(change.Cluster), change.Changed, change.Source));
        }
        return reports;
    }

    /// <summary>A full report of every cluster (initial state, query answers).</summary>
    public List<DeviceEvent> FullReports(long deviceId, EventSource source)
    {
        var reports = new List<DeviceEvent>(_clusters.Count);
        foreach (var cluster in _clusters)
        {
            var attributes = Table.GetCluster(cluster);
            if (attributes.Count > 0)
            {
                reports.Add(DeviceEvent.ForReport(deviceId, cluster, attributes, null, source));
            }
        }
        return reports;
    }

    internal static CommandResult UnsupportedCluster(int cluster) =>
        CommandResult.Fail(CommandStatus.UnsupportedCluster, $"The device does not implement cluster {ClusterIds.GetName(cluster)} (0x{cluster:X4}).");
}
