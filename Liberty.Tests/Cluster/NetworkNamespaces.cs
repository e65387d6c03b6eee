using System.Diagnostics;
using System.Globalization;

namespace Liberty.Tests.Cluster;

/// <summary>
/// Network namespaces for a test: one per node, each with an address on a private bridge in the test's own namespace
/// (<c>10.77.S.i/24</c>, the bridge is <c>.254</c>), so that real processes can be cut apart and joined again with routes.
/// Needs root (CAP_NET_ADMIN) and <c>ip</c> from iproute2; <see cref="Unavailable"/> says why they cannot be made.
/// </summary>
internal sealed class NetworkNamespaces : IDisposable
{
    private readonly string _prefix = "lb" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..4].ToLowerInvariant();
    private readonly int _subnet = Random.Shared.Next(100, 250);
    private readonly int _count;

    public NetworkNamespaces(int count)
    {
        _count = count;
        try
        {
            Ip($"link add {Bridge} type bridge");
            Ip($"addr add {Gateway}/24 dev {Bridge}");
            Ip($"link set {Bridge} up");
            for (var i = 1; i <= count; i++)
            {
                Ip($"netns add {Namespace(i)}");
                Ip($"link add {_prefix}v{i} type veth peer name eth0 netns {Namespace(i)}");
                Ip($"link set {_prefix}v{i} master {Bridge} up");
                Ip($"netns exec {Namespace(i)} ip addr add {Address(i)}/24 dev eth0");
                Ip($"netns exec {Namespace(i)} ip link set eth0 up");
                Ip($"netns exec {Namespace(i)} ip link set lo up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why namespaces cannot be made here (null when they can): checked once by making and removing one.</summary>
    public static string? Unavailable { get; } = Probe();

    private string Bridge => _prefix + "br";

    /// <summary>The test's own address on the bridge.</summary>
    public string Gateway => $"10.77.{_subnet}.254";

    public string Namespace(int node) => $"{_prefix}n{node.ToString(CultureInfo.InvariantCulture)}";

    public string Address(int node) => $"10.77.{_subnet}.{node.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Cuts the nodes of <paramref name="side"/> from all the others, both ways (blackhole routes).</summary>
    public void Partition(IReadOnlyCollection<int> side) => Routes(side, "add");

    /// <summary>Undoes <see cref="Partition"/>.</summary>
    public void Heal(IReadOnlyCollection<int> side) => Routes(side, "del");

    public void Dispose()
    {
        for (var i = 1; i <= _count; i++)
        {
            TryIp($"netns del {Namespace(i)}");
        }
        TryIp($"link del {Bridge}");
    }

    private void Routes(IReadOnlyCollection<int> side, string verb)
    {
        var other = Enumerable.Range(1, _count).Except(side).ToList();
        foreach (var (from, to) in side.SelectMany(s => other.Select(o => (s, o))).Concat(other.SelectMany(o => side.Select(s => (o, s)))))
        {
            Ip($"netns exec {Namespace(from)} ip route {verb} blackhole {Address(to)}/32");
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }
        var name = "lbprobe" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            Ip($"netns add {name}");
            Ip($"netns del {name}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot create a network namespace here (needs root and iproute2's 'ip'): {e.Message}";
        }
    }

    private static void TryIp(string arguments)
    {
        try
        {
            Ip(arguments);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Ip(string arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var word in arguments.Split(' '))
        {
            info.ArgumentList.Add(word);
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments}: {error.Trim()}");
        }
    }
}

/// <summary>A fact that runs only where <see cref="NetworkNamespaces"/> can be made, and says why not otherwise.</summary>
internal sealed class NetworkNamespacesFactAttribute : FactAttribute
{
    public NetworkNamespacesFactAttribute()
    {
        if (NetworkNamespaces.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
