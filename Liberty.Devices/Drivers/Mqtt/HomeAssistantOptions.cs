namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>Home Assistant MQTT discovery (configuration section <c>Mqtt:HomeAssistant</c>).</summary>
public sealed class HomeAssistantOptions
{
    /// <summary>Default <see cref="DiscoveryPrefix"/>: <c>homeassistant</c>, Home Assistant's own default.</summary>
    public const string DefaultDiscoveryPrefix = "homeassistant";

    /// <summary>Default <see cref="TopicPrefix"/>: <c>liberty</c>.</summary>
    public const string DefaultTopicPrefix = "liberty";

    /// <summary>Default <see cref="RescanInterval"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultRescanInterval = TimeSpan.FromSeconds(10);

    /// <summary>Whether lights, switches, temperature sensors and climate devices described under the discovery prefix are adopted. Default true.</summary>
    public bool Discovery { get; set; } = true;

    /// <summary>
    /// Whether this node's own devices (simulated, virtual, sysfs) are published for Home Assistant: retained discovery
    /// configs, state topics, and command topics routed back to the devices. Default false.
    /// </summary>
    public bool PublishDevices { get; set; }

    /// <summary>The discovery prefix. Default <see cref="DefaultDiscoveryPrefix"/>; no wildcards, no trailing '/'.</summary>
    public string DiscoveryPrefix { get; set; } = DefaultDiscoveryPrefix;

    /// <summary>
    /// The prefix of the state and command topics of published devices: <c>&lt;prefix&gt;/&lt;node&gt;/&lt;device&gt;/state</c>,
    /// <c>.../set</c>. Default <see cref="DefaultTopicPrefix"/>; no wildcards, no trailing '/'.
    /// </summary>
    public string TopicPrefix { get; set; } = DefaultTopicPrefix;

    /// <summary>How often the node looks for devices created since the last look, to publish them. Default <see cref="DefaultRescanInterval"/>; must be above 0.</summary>
    public TimeSpan RescanInterval { get; set; } = DefaultRescanInterval;
}
