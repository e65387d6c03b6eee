using System.Globalization;
using System.Net;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// Network policy and limits of task I/O (<see cref="IoService"/>), bound from the configuration section
/// <see cref="SectionName"/>. Validated when the service is created (<see cref="Validate"/>).
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>The configuration section these options bind from; error messages use it as the path prefix.</summary>
    public const string SectionName = "Network";

    /// <summary>Default of <see cref="ConnectTimeout"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="HttpTimeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="ReceiveBufferBytes"/> and <see cref="SendBufferBytes"/>: 64 KiB.</summary>
    public const int DefaultBufferBytes = 64 * 1024;

    /// <summary>Default of <see cref="MaxHttpResponseBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxHttpResponseBytes = 1024 * 1024;

    /// <summary>Default of <see cref="UdpQueueLength"/>.</summary>
    public const int DefaultUdpQueueLength = 64;

    /// <summary>LAN devices apps may reach by id; each is reachable without being in <see cref="AllowedHosts"/>.</summary>
    public IList<LanDevice> LanDevices { get; } = [];

    /// <summary>
    /// Further destinations tasks may reach besides loopback and the LAN devices: host names (exact,
    /// case-insensitive), IP addresses, or CIDR ranges ("192.168.1.0/24"). Empty by default.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Connect timeout of a TCP handle unless the app sets its own. Default <see cref="DefaultConnectTimeout"/>;
    /// must be positive.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Time an HTTP request may take in all. Default <see cref="DefaultHttpTimeout"/>; must be positive.</summary>
    public TimeSpan HttpTimeout { get; set; } = DefaultHttpTimeout;

    /// <summary>
    /// Bytes a TCP handle buffers from the network before the app reads them; when full, the handle stops
    /// receiving (TCP backpressure). Default <see cref="DefaultBufferBytes"/>; must be positive.
    /// </summary>
    public int ReceiveBufferBytes { get; set; } = DefaultBufferBytes;

    /// <summary>
    /// Bytes a TCP handle accepts from the app before they are sent; a write beyond that is partial.
    /// Default <see cref="DefaultBufferBytes"/>; must be positive.
    /// </summary>
    public int SendBufferBytes { get; set; } = DefaultBufferBytes;

    /// <summary>Largest HTTP response body kept, in bytes; a longer one fails the request. Default <see cref="DefaultMaxHttpResponseBytes"/>; must be positive.</summary>
    public int MaxHttpResponseBytes { get; set; } = DefaultMaxHttpResponseBytes;

    /// <summary>Datagrams a UDP handle queues before the app takes them; more are dropped (and counted). Default <see cref="DefaultUdpQueueLength"/>; must be positive.</summary>
    public int UdpQueueLength { get; set; } = DefaultUdpQueueLength;

    /// <summary>Throws when an option is invalid; the message names the configuration path and the value.</summary>
    /// <exception cref="ArgumentException">An invalid option, e.g. "Network:LanDevices[1]:Host is empty".</exception>
    public void Validate()
    {
        Positive(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), ConnectTimeout);
        Positive(HttpTimeout > TimeSpan.Zero, nameof(HttpTimeout), HttpTimeout);
        Positive(ReceiveBufferBytes > 0, nameof(ReceiveBufferBytes), ReceiveBufferBytes);
        Positive(SendBufferBytes > 0, nameof(SendBufferBytes), SendBufferBytes);
        Positive(MaxHttpResponseBytes > 0, nameof(MaxHttpResponseBytes), MaxHttpResponseBytes);
        Positive(UdpQueueLength > 0, nameof(UdpQueueLength), UdpQueueLength);
        var ids = new HashSet<int>();
        for (var i = 0; i < LanDevices.Count; i++)
        {
            var path = $"{SectionName}:{nameof(LanDevices)}[{i}]";
            var device = LanDevices[i] ?? throw new ArgumentException($"{path} is null.", nameof(LanDevices));
            if (device.Id <= 0)
            {
                throw new ArgumentException($"{path}:{nameof(LanDevice.Id)} must be positive (got {device.Id}).", nameof(LanDevices));
            }
            if (!ids.Add(device.Id))
            {
                throw new ArgumentException($"{path}:{nameof(LanDevice.Id)} {device.Id} is used by an earlier LAN device.", nameof(LanDevices));
            }
            if (string.IsNullOrWhiteSpace(device.Host) || Uri.CheckHostName(device.Host) == UriHostNameType.Unknown)
            {
                throw new ArgumentException($"{path}:{nameof(LanDevice.Host)} must be a host name or IP address (got \"{device.Host}\").", nameof(LanDevices));
            }
            if (device.Port is < 0 or > IPEndPoint.MaxPort)
            {
                throw new ArgumentException($"{path}:{nameof(LanDevice.Port)} must be 0 (none) or a port up to 65535 (got {device.Port}).", nameof(LanDevices));
            }
        }
        for (var i = 0; i < AllowedHosts.Count; i++)
        {
            if (!HostRule.TryParse(AllowedHosts[i], out _, out var error))
            {
                throw new ArgumentException($"{SectionName}:{nameof(AllowedHosts)}[{i}]: {error}", nameof(AllowedHosts));
            }
        }
    }

    private static void Positive(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name} must be positive (got {value})."), name);
        }
    }
}
