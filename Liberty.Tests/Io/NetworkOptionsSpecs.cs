using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class NetworkOptionsSpecs
{
    private static string ErrorOf(Action<NetworkOptions> configure)
    {
        var options = new NetworkOptions();
        configure(options);
        return Assert.Throws<ArgumentException>(options.Validate).Message;
    }

    [Fact]
    public void Validate_Defaults_Pass() => new NetworkOptions().Validate();

    [Fact]
    public void Validate_LanDeviceWithoutHost_NamesItsPath() =>
        Assert.StartsWith("Network:LanDevices[1]:Host must be a host name or IP address (got \"\")", ErrorOf(o =>
        {
            o.LanDevices.Add(new LanDevice { Id = 1, Host = "10.0.0.2" });
            o.LanDevices.Add(new LanDevice { Id = 2, Host = "" });
        }), StringComparison.Ordinal);

    [Fact]
    public void Validate_DuplicateLanDeviceId_NamesItsPath() =>
        Assert.StartsWith("Network:LanDevices[1]:Id 1 is used by an earlier LAN device", ErrorOf(o =>
        {
            o.LanDevices.Add(new LanDevice { Id = 1, Host = "10.0.0.2" });
            o.LanDevices.Add(new LanDevice { Id = 1, Host = "10.0.0.3" });
        }), StringComparison.Ordinal);

    [Fact]
    public void Validate_BadAllowedHost_NamesItsPath() =>
        Assert.StartsWith("Network:AllowedHosts[0]: \"10.0.0.0/33\" is not a CIDR range", ErrorOf(o => o.AllowedHosts.Add("10.0.0.0/33")), StringComparison.Ordinal);

    [Fact]
    public void Validate_ZeroBuffer_NamesTheOption() =>
        Assert.StartsWith("Network:SendBufferBytes must be positive (got 0)", ErrorOf(o => o.SendBufferBytes = 0), StringComparison.Ordinal);
}
