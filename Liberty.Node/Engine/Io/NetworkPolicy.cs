using System.Net;
using System.Net.Sockets;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// Which destinations tasks may reach: loopback, the configured LAN devices, and
/// <see cref="NetworkOptions.AllowedHosts"/>. Immutable after construction; any thread.
/// </summary>
internal sealed class NetworkPolicy
{
    private readonly List<HostRule> _rules = [];

    public NetworkPolicy(NetworkOptions options)
    {
        foreach (var device in options.LanDevices)
        {
            if (HostRule.TryParse(device.Host, out var rule, out _))
            {
                _rules.Add(rule!);
            }
        }
        foreach (var entry in options.AllowedHosts)
        {
            if (HostRule.TryParse(entry, out var rule, out _))
            {
                _rules.Add(rule!);
            }
        }
    }

    /// <summary>Why a destination is refused, in words for the app's log.</summary>
    public static string Refusal(string destination) =>
        $"destination {destination} is not allowed by the node's network policy (loopback, LAN devices and Network:AllowedHosts only)";

    /// <summary>True when <paramref name="address"/> may be reached.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }
        foreach (var rule in _rules)
        {
            if (rule.Matches(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Resolves <paramref name="host"/> to the addresses a task may connect to. A host name allowed by
    /// name ("localhost", a LAN device's or allow-list name) yields every address it resolves to; any
    /// other name yields only its resolved addresses that are allowed themselves.
    /// </summary>
    /// <returns>The addresses (non-empty), or an error message.</returns>
    /// <remarks><b>Thread:</b> any. <b>Cancellation:</b> strict (nothing is kept).</remarks>
    public async Task<(IPAddress[]? Addresses, string? Error)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return IsAllowed(literal) ? ([literal], null) : (null, Refusal(host));
        }
        var byName = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || _rules.Exists(r => r.MatchesName(host));
        IPAddress[] resolved;
        try
        {
            resolved = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return (null, byName ? $"cannot resolve {host}: {ex.Message}" : Refusal(host));
        }
        var allowed = byName ? resolved : Array.FindAll(resolved, IsAllowed);
        return allowed.Length > 0 ? (allowed, null) : (null, Refusal(host));
    }
}
