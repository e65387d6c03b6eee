using System.Globalization;
using System.Net;

namespace Liberty.Node.Cluster;

/// <summary>
/// How a node joins a cluster (configuration section <c>Cluster</c>; <c>liberty run --seed --cluster-host --cluster-port
/// --role</c>). With no <see cref="Seeds"/> the node runs alone and opens no port but its API.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Default <see cref="Name"/>: every node of one cluster must use the same name.</summary>
    public const string DefaultName = "liberty";

    /// <summary>Default <see cref="Port"/> of the cluster (remoting) port.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Default <see cref="StableAfter"/>: see docs/operating.md ("Cluster failures").</summary>
    public static readonly TimeSpan DefaultStableAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The seed nodes, each <c>host:port</c> (their cluster ports). A node that lists itself first may start the cluster;
    /// the others join it. Empty: no cluster.
    /// </summary>
    public List<string> Seeds { get; set; } = [];

    /// <summary>The address the cluster port binds. Default <c>127.0.0.1</c> (loopback: other machines cannot join until this is set).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The cluster port. Default <see cref="DefaultPort"/>. A node restarted with the same host and port rejoins as itself.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The host name other nodes use to reach this one, when it differs from <see cref="Host"/> (required when
    /// <see cref="Host"/> is <c>0.0.0.0</c>). Default: <see cref="Host"/>.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>Roles of this node (free text, e.g. <c>gateway</c>, <c>backend</c>); shown by <c>cluster show</c>.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The cluster's name: a node with another name cannot join. Default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// How long the membership must stay unchanged before the split brain resolver (keep-majority) downs the
    /// unreachable side. Default <see cref="DefaultStableAfter"/> (Akka's own default is 20 s).
    /// </summary>
    public TimeSpan StableAfter { get; set; } = DefaultStableAfter;

    /// <summary>How often members send each other heartbeats. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long heartbeats may be missing before a member is marked unreachable (roughly). Default 3 s.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Devices across the cluster: remote command timeout, resend interval... (section <c>Cluster:Devices</c>).</summary>
    public ClusterDeviceOptions Devices { get; set; } = new();

    /// <summary>Mutual TLS on the cluster port; off unless a certificate is configured.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Whether the node is a cluster member (seeds are configured).</summary>
    public bool Enabled => Seeds.Count > 0;

    /// <summary>The host other nodes reach this one at.</summary>
    public string AdvertisedHost => string.IsNullOrWhiteSpace(PublicHost) ? Host : PublicHost;

    /// <summary>Checks every setting.</summary>
    /// <returns>Problems, each naming its setting (<c>Cluster:...</c>); empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || !Name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"Cluster:Name: '{Name}' must be letters, digits, '-' or '_' (it names the actor system).");
        }
        for (var i = 0; i < Seeds.Count; i++)
        {
            if (!TryParseHostPort(Seeds[i], out _, out _, out var error))
            {
                problems.Add($"Cluster:Seeds:{i}: {error}");
            }
        }
        if (!Enabled)
        {
            return problems;
        }
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            problems.Add($"Cluster:Host: '{Host}' is not a host name or IP address.");
        }
        if (Port is < 1 or > 65535)
        {
            problems.Add($"Cluster:Port: {Port} must be 1..65535.");
        }
        if (Host is "0.0.0.0" or "::" && string.IsNullOrWhiteSpace(PublicHost))
        {
            problems.Add($"Cluster:PublicHost: required when Cluster:Host is '{Host}' (the address other nodes use to reach this one).");
        }
        if (PublicHost is { Length: > 0 } && Uri.CheckHostName(PublicHost) == UriHostNameType.Unknown)
        {
            problems.Add($"Cluster:PublicHost: '{PublicHost}' is not a host name or IP address.");
        }
        for (var i = 0; i < Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Roles[i]) || Roles[i].Any(static c => char.IsWhiteSpace(c) || c is '"' or ',' or '\\') || Roles[i].StartsWith(NodeRole.Prefix, StringComparison.Ordinal))
            {
                problems.Add($"Cluster:Roles:{i}: '{Roles[i]}' is not a role (no spaces, quotes, commas or backslashes; '{NodeRole.Prefix}' is reserved).");
            }
        }
        if (StableAfter < TimeSpan.FromSeconds(1) || StableAfter > TimeSpan.FromMinutes(10))
        {
            problems.Add($"Cluster:StableAfter: {StableAfter} must be between 00:00:01 and 00:10:00.");
        }
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > TimeSpan.FromSeconds(30))
        {
            problems.Add($"Cluster:HeartbeatInterval: {HeartbeatInterval} must be between 00:00:00.1 and 00:00:30.");
        }
        if (AcceptableHeartbeatPause < HeartbeatInterval || AcceptableHeartbeatPause > TimeSpan.FromMinutes(5))
        {
            problems.Add($"Cluster:AcceptableHeartbeatPause: {AcceptableHeartbeatPause} must be at least Cluster:HeartbeatInterval and at most 00:05:00.");
        }
        problems.AddRange(Tls.Validate());
        problems.AddRange(Devices.Validate());
        return problems;
    }

    /// <summary>Parses <c>host:port</c> (<c>[v6]:port</c> for IPv6).</summary>
    /// <param name="text">The text.</param>
    /// <param name="host">The host.</param>
    /// <param name="port">The port.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool TryParseHostPort(string? text, out string host, out int port, out string error)
    {
        host = "";
        port = 0;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (string.IsNullOrWhiteSpace(text) || colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port (e.g. 10.0.0.5:{DefaultPort}).";
            return false;
        }
        host = text[..colon].Trim('[', ']');
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"'{text}': '{host}' is not a host name or IP address.";
            return false;
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            error = $"'{text}': the port must be 1..65535.";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>Formats a host and port as Akka's address host part (IPv6 in brackets).</summary>
    /// <param name="host">The host.</param>
    /// <returns>The host for an Akka address.</returns>
    internal static string AddressHost(string host) => IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
