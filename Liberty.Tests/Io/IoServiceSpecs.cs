using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class IoServiceSpecs
{
    [Theory]
    [InlineData("Receiver", 7L)]
    [InlineData("7", 7L)]
    [InlineData("tv", null)]
    public void LookupLanDevice_NameOrId_FindsTheDevice(string nameOrId, long? expected)
    {
        var options = new NetworkOptions();
        options.LanDevices.Add(new LanDevice { Id = 7, Name = "receiver", Host = "10.0.0.7" });
        using var io = new IoService(options, TimeProvider.System);
        Assert.Equal(expected, io.LookupLanDevice(nameOrId));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithTheConfigurationPath()
    {
        var options = new NetworkOptions { ConnectTimeout = TimeSpan.Zero };
        var error = Assert.Throws<ArgumentException>(() => new IoService(options, TimeProvider.System));
        Assert.StartsWith("Network:ConnectTimeout must be positive", error.Message, StringComparison.Ordinal);
    }
}
