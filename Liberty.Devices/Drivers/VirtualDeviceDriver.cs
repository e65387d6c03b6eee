using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers;

/// <summary>
/// The device side of a virtual device owned by a task (docs/app-api.md section 6). It has no behaviour of its own:
/// commands and attribute writes addressed to it go to its owner (<see cref="IDeviceDriverSink.OnOwnerEvent"/>), and
/// the owner's <c>...Set</c> / <c>...Report</c> calls come back through <see cref="OwnerCommand"/> and
/// <see cref="OwnerReport"/> as the device's command events and attribute reports.
/// </summary>
/// <remarks>
/// An attribute write reaches the owner as an attribute event (t = 1) whose <c>v</c> and <c>a</c> are the values
/// written, with the writer's source; the owner acknowledges it with the matching Report. The device is ok from start;
/// <see cref="OwnerDeviceDown"/> makes it unavailable until its next report.
/// </remarks>
internal sealed class VirtualDeviceDriver : IDeviceDriver
{
    private readonly AttributeTable _attributes = new();
    private IDeviceDriverSink? _sink;
    private bool _stopped;

    public VirtualDeviceDriver(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
    }

    public DeviceInfo Info { get; }

    public bool IsOk { get; private set; }

    public DateTimeOffset? NextDue => null;

    private IDeviceDriverSink Sink => _sink is not null && !_stopped
        ? _sink
        : throw new InvalidOperationException($"Virtual device {Info.Id.Name}: the driver is {(_stopped ? "stopped" : "not started")}.");

    /// <summary>
    /// Parses a schema's virtual device spec <c>"loadType,deviceTypeHex,clusterHex[|clusterHex]"</c> (e.g. <c>"1,101,8"</c>)
    /// into the device's info. A light type with the Level cluster also gets On/Off (a Level device answers On/Off).
    /// </summary>
    /// <returns>False with a message naming the bad part when the spec is malformed.</returns>
    public static bool TryParseSpec(DeviceId id, string spec, [NotNullWhen(true)] out DeviceInfo? info, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        info = null;
        var parts = spec.Split(',');
        if (parts.Length != 3)
        {
            error = $"Virtual device spec '{spec}' must be 'loadType,deviceTypeHex,clusterHex[|clusterHex]'.";
            return false;
        }
        if (!int.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var type) || type is < 0 or >= DeviceTypes.Any)
        {
            error = $"Virtual device spec '{spec}': device type '{parts[1]}' is not a hex device type below ffff.";
            return false;
        }
        var clusters = new List<int>();
        foreach (var text in parts[2].Split('|'))
        {
            if (!int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cluster) || cluster is < 0 or > 0xFFFF)
            {
                error = $"Virtual device spec '{spec}': cluster '{text}' is not a hex cluster id.";
                return false;
            }
            if (!clusters.Contains(cluster))
            {
                clusters.Add(cluster);
            }
        }
        if (clusters.Contains(ClusterIds.Level) && !clusters.Contains(ClusterIds.OnOff) && type is DeviceTypes.DimmableLight or DeviceTypes.LevelControllableOutput)
        {
            clusters.Insert(0, ClusterIds.OnOff);
        }
        info = new DeviceInfo(id, type, clusters, "virtual");
        error = null;
        return true;
    }

    public void Start(IDeviceDriverSink sink, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_sink is not null)
        {
            throw new InvalidOperationException($"Virtual device {Info.Id.Name}: the driver was already started.");
        }
        _sink = sink;
        IsOk = true;
        sink.OnLivenessChanged(true, "created with its task");
    }

    public void Shutdown() => _stopped = true;

    public CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var sink = Sink;
        if (!Info.SupportsCluster(command.Cluster))
        {
            return Unsupported(command.Cluster);
        }
        sink.OnOwnerEvent(DeviceEvent.ForCommand(Info.Id.Value, command.Cluster, command.Command, command.Arguments, command.Source));
        return CommandResult.Success;
    }

    public CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        var sink = Sink;
        if (!Info.SupportsCluster(write.Cluster))
        {
            return Unsupported(write.Cluster);
        }
        var values = new Dictionary<int, AttributeValue>(write.Values);
        sink.OnOwnerEvent(DeviceEvent.ForReport(Info.Id.Value, write.Cluster, values, values, write.Source));
        return CommandResult.Success;
    }

    public IReadOnlyDictionary<AttributeKey, AttributeValue> ReadAttributes() => _attributes.GetAll();

    public void Refresh(DateTimeOffset now)
    {
        var sink = Sink;
        if (!IsOk)
        {
            return;
        }
        foreach (var cluster in Info.Clusters)
        {
            var attributes = _attributes.GetCluster(cluster);
            if (attributes.Count > 0)
            {
                sink.OnEvent(DeviceEvent.ForReport(Info.Id.Value, cluster, attributes, null, EventSource.Query));
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
    }

    /// <summary>
    /// The owner emits a command from the device (<c>Libre_VirtualDeviceOnOffSet</c>, <c>...LevelSet</c>,
    /// <c>Libertas_VirtualDeviceCommand</c>), which also acknowledges a command it received: the device takes the state
    /// the command sets (On/Off and Level commands) and reports it, as real apps expect (they never call Report after Set).
    /// </summary>
    /// <returns>Success, or UnsupportedCluster.</returns>
    public CommandResult OwnerCommand(int cluster, int command, IReadOnlyList<AttributeValue> arguments, EventSource source)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var sink = Sink;
        if (!Info.SupportsCluster(cluster))
        {
            return Unsupported(cluster);
        }
        sink.OnEvent(DeviceEvent.ForCommand(Info.Id.Value, cluster, command, arguments, source));
        if (StateAfter(cluster, command, arguments) is { } level)
        {
            if (cluster == ClusterIds.Level)
            {
                OwnerReport(ClusterIds.Level, new Dictionary<int, AttributeValue> { [AttributeIds.Level.CurrentLevel] = level }, source);
            }
            if (Info.SupportsCluster(ClusterIds.OnOff))
            {
                // On = level > 0, as for a Level report: the two attributes never disagree.
                OwnerReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [AttributeIds.OnOff.State] = level > 0 }, source);
            }
        }
        return CommandResult.Success;
    }

    // The state a command leaves the device in, as a level (On/Off: 1 on, 0 off); null when it sets none at once (Move, Stop, others).
    private long? StateAfter(int cluster, int command, IReadOnlyList<AttributeValue> arguments)
    {
        long Argument(int index) => index < arguments.Count && arguments[index].TryGetInt64(out var value) ? value : 0;
        if (cluster == ClusterIds.OnOff)
        {
            return command switch
            {
                CommandIds.OnOff.Off or 0x40 => 0,
                CommandIds.OnOff.On or 0x41 or CommandIds.OnOff.OnWithTimedOff => 1,
                CommandIds.OnOff.Toggle => _attributes.GetBoolean(ClusterIds.OnOff, AttributeIds.OnOff.State) ? 0 : 1,
                _ => null,
            };
        }
        if (cluster == ClusterIds.Level)
        {
            var current = _attributes.GetInt64(ClusterIds.Level, AttributeIds.Level.CurrentLevel);
            return command switch
            {
                CommandIds.Level.MoveToLevel or CommandIds.Level.MoveToLevelWithOnOff => Math.Clamp(Argument(0), 0, 255),
                CommandIds.Level.Step or CommandIds.Level.StepWithOnOff => Math.Clamp(Argument(0) == 0 ? current + Argument(1) : current - Argument(1), 0, 255),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>
    /// The owner reports attributes (<c>Libre_VirtualDeviceOnOffReport</c>, <c>...LevelReport</c>,
    /// <c>...LevelConfigExtra</c>, <c>Libre_VirtualDeviceSetAttributes</c>): they are stored and reported, and a device
    /// marked down is up again.
    /// </summary>
    /// <returns>Success, or UnsupportedCluster.</returns>
    public CommandResult OwnerReport(int cluster, IReadOnlyDictionary<int, AttributeValue> attributes, EventSource source)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var sink = Sink;
        if (!Info.SupportsCluster(cluster))
        {
            return Unsupported(cluster);
        }
        foreach (var (attribute, value) in attributes)
        {
            _attributes.Set(cluster, attribute, value, source);
        }
        _attributes.TakeChanges();
        if (!IsOk)
        {
            IsOk = true;
            sink.OnLivenessChanged(true, "reported by its task");
        }
        sink.OnEvent(DeviceEvent.ForReport(Info.Id.Value, cluster, _attributes.GetCluster(cluster), new Dictionary<int, AttributeValue>(attributes), source));
        return CommandResult.Success;
    }

    /// <summary>The owner marks the device unavailable until its next report (<c>Libre_VirtualDeviceStatusDeviceDown</c>).</summary>
    public void OwnerDeviceDown()
    {
        var sink = Sink;
        if (IsOk)
        {
            IsOk = false;
            sink.OnLivenessChanged(false, "marked down by its task");
        }
    }

    private CommandResult Unsupported(int cluster) =>
        CommandResult.Fail(CommandStatus.UnsupportedCluster, $"Virtual device {Info.Id.Name} does not implement cluster {ClusterIds.GetName(cluster)} (0x{cluster:X4}).");
}
