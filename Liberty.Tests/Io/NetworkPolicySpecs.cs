using System.Net;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class NetworkPolicySpecs
{
    private static NetworkPolicy Policy()
    {
        var options = new NetworkOptions();
        options.LanDevices.Add(new LanDevice { Id = 1, Host = "192.168.7.20" });
        options.AllowedHosts.Add("10.1.0.0/16");
        options.AllowedHosts.Add("fd00::/8");
        options.AllowedHosts.Add("api.example.com");
        return new NetworkPolicy(options);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.168.7.20", true)]
    [InlineData("192.168.7.21", false)]
    [InlineData("10.1.255.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("fd12::5", true)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.1.0.9", true)]
    public void IsAllowed_Address_FollowsTheRules(string address, bool allowed) =>
        Assert.Equal(allowed, Policy().IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public async Task ResolveAsync_UnlistedLiteral_IsRefusedWithMessage()
    {
        var (addresses, error) = await Policy().ResolveAsync("8.8.8.8", CancellationToken.None);
        Assert.Null(addresses);
        Assert.Equal("destination 8.8.8.8 is not allowed by the node's network policy (loopback, LAN devices and Network:AllowedHosts only)", error);
    }

    [Fact]
    public async Task ResolveAsync_Localhost_IsAllowed()
    {
        var (addresses, error) = await Policy().ResolveAsync("localhost", CancellationToken.None);
        Assert.Null(error);
        Assert.All(addresses!, a => Assert.True(IPAddress.IsLoopback(a)));
    }
}
