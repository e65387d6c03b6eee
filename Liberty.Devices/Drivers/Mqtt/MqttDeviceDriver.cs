using Liberty.Devices.Clusters;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The driver of one adopted MQTT device: a mirror. Its attributes are what the device last published; a command
/// becomes the device's own message (through the connection's outbox) and stays Pending until the device's state echo on
/// that cluster arrives; no echo within the device actor's command timeout fails it as any unanswered command does
/// (<c>Timeout</c>, an <c>ok=false</c> command event to a task, the device ok=false until heard from again).
/// </summary>
/// <remarks>
/// <para><b>Liveness:</b> ok while the broker is connected and the device's availability (Zigbee2MQTT availability and
/// bridge state, Tasmota's last will, Home Assistant's availability topic) does not say offline; a device that announces
/// no availability is ok while connected. Changes heard while down are reported once it is up again.</para>
/// <para><b>Input:</b> the bridge hands received messages and connection changes to the device actor
/// (<see cref="Actors.DeliverToDriver"/>), which calls <see cref="OnInput"/>. A malformed payload is ignored and logged
/// once per topic until a good one arrives there.</para>
/// <para>Single owner, like every driver.</para>
/// </remarks>
internal sealed class MqttDeviceDriver : IDeviceDriver, IDeviceDriverInput
{
    private readonly MqttDevice _device;
    private readonly IMqttPublisher _publisher;
    private readonly TimeSpan _commandTimeout;
    private readonly ILogger _logger;
    private readonly AttributeTable _table = new();
    private readonly List<Pending> _pending = [];
    private readonly HashSet<string> _malformed = new(StringComparer.Ordinal);
    private readonly List<MqttMessage> _scratch = [];
    private IDeviceDriverSink? _sink;
    private bool _stopped;
    private bool _connected;
    private bool? _available;
    private bool? _bridgeAvailable;

    /// <summary>Creates the driver (not started).</summary>
    /// <param name="id">The device's id, <c>&lt;node&gt;/&lt;friendly name&gt;</c>.</param>
    /// <param name="device">What it speaks.</param>
    /// <param name="publisher">Where its messages go.</param>
    /// <param name="connected">Whether the broker is connected now (later changes come as <see cref="MqttConnectionChanged"/>).</param>
    /// <param name="commandTimeout">How long a command stays worth sending (the device actor's command timeout).</param>
    /// <param name="logger">Where it logs.</param>
    public MqttDeviceDriver(DeviceId id, MqttDevice device, IMqttPublisher publisher, bool connected, TimeSpan commandTimeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(logger);
        _device = device;
        _publisher = publisher;
        _connected = connected;
        _commandTimeout = commandTimeout;
        _logger = logger;
        Info = new DeviceInfo(id, device.DeviceType, device.Clusters, "mqtt/" + device.Source);
    }

    public DeviceInfo Info { get; }

    public bool IsOk { get; private set; }

    /// <summary>What the device speaks.</summary>
    public MqttDevice Device => _device;

    /// <summary>The driver needs no ticks: everything it does is a reaction to a call or a message.</summary>
    public DateTimeOffset? NextDue => null;

    private IDeviceDriverSink Sink => _sink ?? throw new InvalidOperationException($"Device {Info.Id.Name}: the driver is not started.");

    private bool Reachable => _connected && _available != false && _bridgeAvailable != false;

    public void Start(IDeviceDriverSink sink, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_sink is not null)
        {
            throw new InvalidOperationException($"Device {Info.Id.Name}: the driver was already started.");
        }
        _sink = sink;
        IsOk = Reachable;
        sink.OnLivenessChanged(IsOk, IsOk ? $"adopted from {_device.Source}" : "the MQTT broker is not connected");
        DeviceLog.Started(_logger, Info.Id.Name, Info.Driver, IsOk);
        RequestState();
    }

    public void Shutdown() => _stopped = true;

    public CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRunning();
        return Send(command.CorrelationId, command.Cluster, command.Source, Expect(command), now, Info.SupportsCluster(command.Cluster)
            ? _device.Encode(command, _table, _scratch)
            : ClusterSet.UnsupportedCluster(command.Cluster));
    }

    public CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureRunning();
        return Send(write.CorrelationId, write.Cluster, write.Source, Expect(write), now, Info.SupportsCluster(write.Cluster)
            ? _device.EncodeWrite(write, _table, _scratch)
            : ClusterSet.UnsupportedCluster(write.Cluster));
    }

    public IReadOnlyDictionary<AttributeKey, AttributeValue> ReadAttributes() => _table.GetAll();

    public void Refresh(DateTimeOffset now)
    {
        EnsureRunning();
        RequestState();
        if (IsOk)
        {
            foreach (var report in FullReports(EventSource.Query))
            {
                Sink.OnEvent(report);
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
    }

    public void OnInput(object input, DateTimeOffset now)
    {
        if (_sink is null || _stopped)
        {
            return;
        }
        switch (input)
        {
            case MqttConnectionChanged change:
                var reconnected = change.Connected && !_connected;
                _connected = change.Connected;
                if (reconnected)
                {
                    RequestState();
                }
                UpdateLiveness(change.Reason);
                break;
            case MqttMessage message:
                Take(message, now);
                break;
            default:
                break;
        }
    }

    private void Take(MqttMessage message, DateTimeOffset now)
    {
        // The device actor has answered these with Timeout already; a late echo is an ordinary report.
        _pending.RemoveAll(p => p.Expires < now);
        var update = new MqttUpdate();
        _device.Decode(message, update);
        if (update.Error is { } error)
        {
            if (_malformed.Add(message.Topic))
            {
                MqttLog.Malformed(_logger, message.Topic, error);
            }
            return;
        }
        _malformed.Remove(message.Topic);
        var values = update.Values.Where(v => Info.SupportsCluster(v.Cluster)).ToList();
        // The echo: a message on a command's cluster that leaves the attributes as the command asked ends it. Its
        // changes are reported with that command's source; other changes are plain reports.
        var completed = new List<Pending>();
        foreach (var pending in _pending)
        {
            if (values.Exists(v => v.Cluster == pending.Cluster) && pending.Expected.TrueForAll(e => Matches(e, values)))
            {
                completed.Add(pending);
            }
        }
        var source = completed.Count > 0 ? completed[0].Source : EventSource.Report;
        foreach (var (cluster, attribute, value) in values)
        {
            _table.Set(cluster, attribute, value, source);
        }
        _available = update.Available ?? _available;
        _bridgeAvailable = update.BridgeAvailable ?? _bridgeAvailable;
        var wasOk = IsOk;
        UpdateLiveness(_bridgeAvailable is false ? $"the {_device.Source} bridge is offline"
            : _available is false ? $"{_device.Source} says '{_device.FriendlyName}' is offline"
            : $"{_device.Source} says '{_device.FriendlyName}' is online");
        if (IsOk && wasOk)
        {
            foreach (var change in _table.TakeChanges())
            {
                Sink.OnEvent(DeviceEvent.ForReport(Info.Id.Value, change.Cluster, _table.GetCluster(change.Cluster), change.Changed, change.Source));
            }
        }
        else
        {
            _table.TakeChanges();
        }
        foreach (var pending in completed)
        {
            _pending.Remove(pending);
            MqttLog.CommandEchoed(_logger, Info.Id.Name, pending.CorrelationId, message.Topic);
            Sink.OnCommandCompleted(pending.CorrelationId, CommandResult.Success);
        }
    }

    // An expected value is met by the message's value of that attribute, or by the cached one when the message does
    // not carry it; levels and temperatures within the rounding of the device's own scale.
    private bool Matches(Expectation expected, List<(int Cluster, int Attribute, AttributeValue Value)> values)
    {
        var index = values.FindLastIndex(v => v.Cluster == expected.Cluster && v.Attribute == expected.Attribute);
        var actual = index >= 0 ? values[index].Value : _table.Get(expected.Cluster, expected.Attribute);
        if (expected.Value.Kind == AttributeValueKind.Boolean)
        {
            expected.Value.TryGetBoolean(out var wanted);
            return actual.TryGetBoolean(out var got) && got == wanted;
        }
        return expected.Value.TryGetInt64(out var e) && actual.TryGetInt64(out var n) && Math.Abs(n - e) <= expected.Tolerance;
    }

    // What a command leaves behind when the device carried it out; empty when that cannot be known (toggle, move).
    private List<Expectation> Expect(DeviceCommand command)
    {
        switch (command.Cluster)
        {
            case ClusterIds.OnOff when command.Command is CommandIds.OnOff.On or CommandIds.OnOff.OnWithTimedOff:
                return [new Expectation(ClusterIds.OnOff, AttributeIds.OnOff.State, true, 0)];
            case ClusterIds.OnOff when command.Command == CommandIds.OnOff.Off:
                return [new Expectation(ClusterIds.OnOff, AttributeIds.OnOff.State, false, 0)];
            case ClusterIds.Level when _device.TryLevelTarget(command, _table, out var level, out _).IsSuccess:
                // A 0..100 or 0..254 scale cannot give back every level exactly.
                return [new Expectation(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)level, 2)];
            default:
                return [];
        }
    }

    private static List<Expectation> Expect(AttributeWrite write) =>
        [.. write.Values.Where(static v => v.Value.TryGetInt64(out _)).Select(v => new Expectation(write.Cluster, v.Key, v.Value, 5))];

    private CommandResult Send(long correlationId, int cluster, EventSource source, List<Expectation> expected, DateTimeOffset now, CommandResult encoded)
    {
        try
        {
            if (encoded.IsFailure)
            {
                return encoded;
            }
            if (!IsOk)
            {
                return CommandResult.Fail(CommandStatus.Unreachable, $"Device {Info.Id.Name} is unreachable ({(_connected ? $"{_device.Source} says it is offline" : "the MQTT broker is not connected")}).");
            }
            foreach (var message in _scratch)
            {
                if (!_publisher.TryPublish(message, now + _commandTimeout))
                {
                    return CommandResult.Fail(CommandStatus.Failed, $"Device {Info.Id.Name}: the MQTT outbox is full; the command was not sent.");
                }
            }
            // Completed by the echo, or timed out by the device actor (then dropped here at the next message).
            _pending.RemoveAll(p => p.Expires < now);
            _pending.Add(new Pending(correlationId, cluster, source, expected, now + _commandTimeout));
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var sent = string.Join("; ", _scratch.Select(static m => $"{m.Topic} {m.Payload}"));
                MqttLog.CommandSent(_logger, Info.Id.Name, correlationId, sent);
            }
            return CommandResult.Pending;
        }
        finally
        {
            _scratch.Clear();
        }
    }

    private void UpdateLiveness(string reason)
    {
        var ok = Reachable;
        if (ok == IsOk)
        {
            return;
        }
        IsOk = ok;
        DeviceLog.LivenessChanged(_logger, Info.Id.Name, ok, reason);
        Sink.OnLivenessChanged(ok, reason);
        if (ok)
        {
            _table.TakeChanges();
            foreach (var report in FullReports(EventSource.Report))
            {
                Sink.OnEvent(report);
            }
        }
    }

    private List<DeviceEvent> FullReports(EventSource source)
    {
        var reports = new List<DeviceEvent>();
        foreach (var cluster in Info.Clusters)
        {
            var attributes = _table.GetCluster(cluster);
            if (attributes.Count > 0)
            {
                reports.Add(DeviceEvent.ForReport(Info.Id.Value, cluster, attributes, null, source));
            }
        }
        return reports;
    }

    private void RequestState()
    {
        if (!_connected)
        {
            return;
        }
        foreach (var request in _device.ReadRequests)
        {
            _publisher.TryPublish(request);
        }
    }

    private void EnsureRunning()
    {
        if (_sink is null || _stopped)
        {
            throw new InvalidOperationException($"Device {Info.Id.Name}: the driver is {(_stopped ? "stopped" : "not started")}.");
        }
    }

    private sealed record Pending(long CorrelationId, int Cluster, EventSource Source, List<Expectation> Expected, DateTimeOffset Expires);

    private readonly record struct Expectation(int Cluster, int Attribute, AttributeValue Value, long Tolerance);
}
