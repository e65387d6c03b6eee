using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Log messages of MQTT devices, event ids 2300–2399 (stable: operators filter on them). What can repeat (a broker that
/// stays down, a device that keeps sending garbage) is logged when it starts, and again only when it changes or after a
/// quiet period, so a broken broker or device cannot flood the log.
/// </summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "MQTT: connected to {Broker} as {ClientId}")]
    public static partial void Connected(ILogger logger, string broker, string clientId);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "MQTT: connected to {Broker} as {ClientId} after {Attempts} failed attempts")]
    public static partial void Reconnected(ILogger logger, string broker, string clientId, int attempts);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "MQTT: cannot connect to {Broker} ({Attempts} attempts so far, next in {Delay}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string broker, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "MQTT: lost the connection to {Broker}: {Reason}; MQTT devices are ok=false until it is back")]
    public static partial void ConnectionLost(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "MQTT: the outbox is full ({Capacity} messages); {Topic} not sent ({Dropped} refused so far)")]
    public static partial void OutboxFull(ILogger logger, int capacity, string topic, long dropped);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "MQTT: publishing to {Topic} failed (not retried): {Reason}")]
    public static partial void PublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "MQTT: subscribing to {Filter} failed: {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, string filter, string reason);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Debug, Message = "MQTT: {Topic} expired in the outbox and was dropped")]
    public static partial void Expired(ILogger logger, string topic);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Debug, Message = "MQTT: {Device} command {CorrelationId} sent as {Messages}; waiting for the state echo")]
    public static partial void CommandSent(ILogger logger, string device, long correlationId, string messages);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Debug, Message = "MQTT: {Device} command {CorrelationId} echoed on {Topic}")]
    public static partial void CommandEchoed(ILogger logger, string device, long correlationId, string topic);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "MQTT: adopted {Device} from {Source} ({Type}, clusters {Clusters})")]
    public static partial void Adopted(ILogger logger, string device, string source, string type, string clusters);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "MQTT: {Device} is no longer announced by {Source}; removed")]
    public static partial void Withdrawn(ILogger logger, string device, string source);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Warning, Message = "MQTT: {Source} device not adopted: {Reason}")]
    public static partial void NotAdopted(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 2313, Level = LogLevel.Warning, Message = "MQTT: malformed payload on {Topic} ignored (logged once until a good one arrives): {Reason}")]
    public static partial void Malformed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 2314, Level = LogLevel.Warning, Message = "MQTT: {Count} topics are remembered for devices not adopted yet; later ones are not (a bridge publishing far more topics than devices?)")]
    public static partial void CacheFull(ILogger logger, int count);

    [LoggerMessage(EventId = 2320, Level = LogLevel.Information, Message = "MQTT: embedded broker listening on {Address}:{Port} (local, not durable)")]
    public static partial void EmbeddedStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 2321, Level = LogLevel.Information, Message = "MQTT: published {Count} devices for Home Assistant under {Prefix}")]
    public static partial void Exported(ILogger logger, int count, string prefix);

    [LoggerMessage(EventId = 2322, Level = LogLevel.Warning, Message = "MQTT: Home Assistant command on {Topic} refused: {Reason}")]
    public static partial void ExportCommandRefused(ILogger logger, string topic, string reason);
}
