namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>Adoption of Tasmota devices (configuration section <c>Mqtt:Tasmota</c>).</summary>
public sealed class TasmotaOptions
{
    /// <summary>Default <see cref="DiscoveryPrefix"/>: <c>tasmota/discovery</c>, where Tasmota publishes (SetOption19 0).</summary>
    public const string DefaultDiscoveryPrefix = "tasmota/discovery";

    /// <summary>Whether devices announcing themselves on <c>&lt;prefix&gt;/&lt;MAC&gt;/config</c> are adopted. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The discovery prefix. Default <see cref="DefaultDiscoveryPrefix"/>; no wildcards, no trailing '/'.</summary>
    public string DiscoveryPrefix { get; set; } = DefaultDiscoveryPrefix;
}
