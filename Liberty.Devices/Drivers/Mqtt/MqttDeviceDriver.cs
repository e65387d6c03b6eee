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
    private readonly List<(long CorrelationId, int Cluster, EventSource Source, DateTimeOffset Expires)> _pending = [];
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
        return Send(command.CorrelationId, command.Cluster, command.Source, now, Info.SupportsCluster(command.Cluster)
            ? _device.Encode(command, _table, _scratch)
            : ClusterSet.UnsupportedCluster(command.Cluster));
    }

    public CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureRunning();
        return Send(write.CorrelationId, write.Cluster, write.Source, now, Info.SupportsCluster(write.Cluster)
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
                _connected = change.Connected;
                if (change.Connected)
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
        foreach (var (cluster, attribute, value) in update.Values)
        {
            if (Info.SupportsCluster(cluster))
            {
                var pending = _pending.FindIndex(p => p.Cluster == cluster);
                _table.Set(cluster, attribute, value, pending >= 0 ? _pending[pending].Source : EventSource.Report);
            }
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
        // The echo: a state message on a command's cluster ends it (the reports above came first).
        for (var i = 0; i < _pending.Count; i++)
        {
            var (correlationId, cluster, _, _) = _pending[i];
            if (update.Values.Exists(v => v.Cluster == cluster))
            {
                _pending.RemoveAt(i--);
                Sink.OnCommandCompleted(correlationId, CommandResult.Success);
            }
        }
    }

    private CommandResult Send(long correlationId, int cluster, EventSource source, DateTimeOffset now, CommandResult encoded)
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
            _pending.Add((correlationId, cluster, source, now + _commandTimeout));
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
        if (ok)
        {
            DeviceLog.Up(_logger, Info.Id.Name, reason);
        }
        else
        {
            DeviceLog.Down(_logger, Info.Id.Name, reason);
        }
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
}
