namespace Liberty.Node.Engine.Io;

/// <summary>A device on the gateway's LAN that apps may reach by id (<c>Libre_IoConnectDevice</c>), configured per node.</summary>
public sealed class LanDevice
{
    /// <summary>The id apps pass (positive, unique in <see cref="NetworkOptions.LanDevices"/>).</summary>
    public int Id { get; set; }

    /// <summary>A name for people.</summary>
    public string Name { get; set; } = "";

    /// <summary>Host name or IP address (required).</summary>
    public string Host { get; set; } = "";

    /// <summary>Default port when an app passes port 0; 0 means none (the app must pass one).</summary>
    public int Port { get; set; }

    /// <summary>MAC address, informational (e.g. "00:11:22:33:44:55"); may be empty.</summary>
    public string Mac { get; set; } = "";
}
