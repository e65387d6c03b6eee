namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>The broker a node connects to (configuration section <c>Mqtt:Broker</c>).</summary>
public sealed class MqttBrokerOptions
{
    /// <summary>Default <see cref="Port"/>: 1883, MQTT's port.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The broker's host name or address; null or empty: no external broker (the embedded one, if enabled).</summary>
    public string? Host { get; set; }

    /// <summary>The broker's port. Default <see cref="DefaultPort"/> (use 8883 with <see cref="UseTls"/> as brokers usually do); 1..65535.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The user name; null or empty: connect without credentials.</summary>
    public string? Username { get; set; }

    /// <summary>The password (needs <see cref="Username"/>).</summary>
    public string? Password { get; set; }

    /// <summary>Whether the connection uses TLS (the broker's certificate is checked against the system's trusted roots). Default false.</summary>
    public bool UseTls { get; set; }

    /// <summary>With <see cref="UseTls"/>: accept a certificate that does not validate (a self-signed broker on the LAN). Default false.</summary>
    public bool AllowUntrustedCertificate { get; set; }
}
