using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Liberty.Node.Engine.Io;

/// <summary>One entry of the allow-list: a host name, an IP address, or a CIDR range. Immutable.</summary>
internal sealed class HostRule
{
    private readonly string? _name;
    private readonly IPAddress? _network;
    private readonly int _prefix;

    private HostRule(string? name, IPAddress? network, int prefix)
    {
        _name = name;
        _network = network;
        _prefix = prefix;
    }

    /// <summary>Parses "host", "10.0.0.7", "fe80::1" or "192.168.1.0/24".</summary>
    public static bool TryParse(string? text, out HostRule? rule, out string? error)
    {
        rule = null;
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "empty entry";
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!IPAddress.TryParse(text.AsSpan(0, slash), out var network)
                || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                || prefix > (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                error = $"\"{text}\" is not a CIDR range like 192.168.1.0/24";
                return false;
            }
            rule = new HostRule(null, network, prefix);
            return true;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            rule = new HostRule(null, address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        if (Uri.CheckHostName(text) != UriHostNameType.Dns)
        {
            error = $"\"{text}\" is not a host name, IP address or CIDR range";
            return false;
        }
        rule = new HostRule(text, null, 0);
        return true;
    }

    public bool MatchesName(string host) => _name is not null && string.Equals(_name, host, StringComparison.OrdinalIgnoreCase);

    public bool Matches(IPAddress address)
    {
        if (_network is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != _network.AddressFamily)
        {
            return false;
        }
        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        _network.TryWriteBytes(n, out _);
        var bits = _prefix;
        for (var i = 0; i < length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
