namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The MQTT devices of a node (configuration section <c>Mqtt</c>): the broker to connect to, which discovery sources
/// adopt devices, whether the node's own devices are published for Home Assistant, and the embedded broker.
/// </summary>
/// <remarks>
/// MQTT is off unless <see cref="Broker"/> names a host or <see cref="EmbeddedBroker"/> is enabled (then the node
/// connects to its own broker). Validated at start by <see cref="Validate"/>; each problem names its setting.
/// </remarks>
public sealed class MqttOptions
{
    /// <summary>Default <see cref="ReconnectMinDelay"/>: 1 s.</summary>
    public static readonly TimeSpan DefaultReconnectMinDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="ReconnectMaxDelay"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultReconnectMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="KeepAlive"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="ConnectTimeout"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="OutboxCapacity"/>: 1,000 messages.</summary>
    public const int DefaultOutboxCapacity = 1000;

    /// <summary>The broker the node connects to.</summary>
    public MqttBrokerOptions Broker { get; set; } = new();

    /// <summary>The client id; null or empty: <c>liberty-&lt;node&gt;</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The first wait after a failed or lost connection; it doubles up to <see cref="ReconnectMaxDelay"/>. Default <see cref="DefaultReconnectMinDelay"/>; must be above 0.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = DefaultReconnectMinDelay;

    /// <summary>The longest wait between two connection attempts. Default <see cref="DefaultReconnectMaxDelay"/>; at least <see cref="ReconnectMinDelay"/>.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = DefaultReconnectMaxDelay;

    /// <summary>The MQTT keep-alive period. Default <see cref="DefaultKeepAlive"/>; must be above 0.</summary>
    public TimeSpan KeepAlive { get; set; } = DefaultKeepAlive;

    /// <summary>How long one connection attempt may take. Default <see cref="DefaultConnectTimeout"/>; must be above 0.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>
    /// How many messages wait to be sent while the broker is away. A publish that finds the outbox full is refused
    /// (the command fails at once) and counted. Default <see cref="DefaultOutboxCapacity"/>; must be above 0.
    /// </summary>
    public int OutboxCapacity { get; set; } = DefaultOutboxCapacity;

    /// <summary>Adoption of Zigbee2MQTT devices.</summary>
    public Zigbee2MqttOptions Zigbee2Mqtt { get; set; } = new();

    /// <summary>Adoption of Tasmota devices.</summary>
    public TasmotaOptions Tasmota { get; set; } = new();

    /// <summary>Home Assistant discovery: adoption of the devices it describes, and publishing of this node's own devices.</summary>
    public HomeAssistantOptions HomeAssistant { get; set; } = new();

    /// <summary>The broker the node can run itself.</summary>
    public MqttEmbeddedBrokerOptions EmbeddedBroker { get; set; } = new();

    /// <summary>Whether the node uses MQTT at all: a broker host is configured or the embedded broker is enabled.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Broker.Host) || EmbeddedBroker.Enabled;

    /// <summary>The client id for node <paramref name="node"/>.</summary>
    /// <param name="node">The node's name.</param>
    /// <returns><see cref="ClientId"/>, or <c>liberty-&lt;node&gt;</c> when it is not set.</returns>
    public string ClientIdFor(string node) => string.IsNullOrWhiteSpace(ClientId) ? "liberty-" + node : ClientId;

    /// <summary>Checks the options.</summary>
    /// <returns>One message per problem, naming the setting (<c>Mqtt:Broker:Port</c>); empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Broker.Host) && Uri.CheckHostName(Broker.Host) == UriHostNameType.Unknown)
        {
            errors.Add($"Mqtt:Broker:Host: '{Broker.Host}' is not a host name or address.");
        }
        Port(errors, "Mqtt:Broker:Port", Broker.Port);
        if (string.IsNullOrEmpty(Broker.Username) && !string.IsNullOrEmpty(Broker.Password))
        {
            errors.Add("Mqtt:Broker:Password: a password needs Mqtt:Broker:Username.");
        }
        Positive(errors, "Mqtt:ReconnectMinDelay", ReconnectMinDelay);
        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            errors.Add($"Mqtt:ReconnectMaxDelay: {ReconnectMaxDelay} must be at least Mqtt:ReconnectMinDelay ({ReconnectMinDelay}).");
        }
        Positive(errors, "Mqtt:KeepAlive", KeepAlive);
        Positive(errors, "Mqtt:ConnectTimeout", ConnectTimeout);
        if (OutboxCapacity <= 0)
        {
            errors.Add($"Mqtt:OutboxCapacity: {OutboxCapacity} must be above zero.");
        }
        if (ClientId is { Length: > 0 } id && (id.Length > 256 || id.Any(char.IsControl)))
        {
            errors.Add("Mqtt:ClientId: must be at most 256 characters, without control characters.");
        }
        Topic(errors, "Mqtt:Zigbee2Mqtt:BaseTopic", Zigbee2Mqtt.BaseTopic);
        Topic(errors, "Mqtt:Tasmota:DiscoveryPrefix", Tasmota.DiscoveryPrefix);
        Topic(errors, "Mqtt:HomeAssistant:DiscoveryPrefix", HomeAssistant.DiscoveryPrefix);
        Topic(errors, "Mqtt:HomeAssistant:TopicPrefix", HomeAssistant.TopicPrefix);
        Positive(errors, "Mqtt:HomeAssistant:RescanInterval", HomeAssistant.RescanInterval);
        if (EmbeddedBroker.Enabled)
        {
            if (!System.Net.IPAddress.TryParse(EmbeddedBroker.Listen, out _))
            {
                errors.Add($"Mqtt:EmbeddedBroker:Listen: '{EmbeddedBroker.Listen}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface).");
            }
            Port(errors, "Mqtt:EmbeddedBroker:Port", EmbeddedBroker.Port);
        }
        return errors;
    }

    private static void Port(List<string> errors, string name, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{name}: {port} must be in 1..65535.");
        }
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name}: {value} must be above zero (e.g. 00:00:01).");
        }
    }

    private static void Topic(List<string> errors, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains('#', StringComparison.Ordinal) || value.Contains('+', StringComparison.Ordinal) || value.EndsWith('/'))
        {
            errors.Add($"{name}: '{value}' must be a topic without wildcards ('#', '+') or a trailing '/'.");
        }
    }
}
