using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class DeviceIdTests
{
    // Known values, computed independently (Python: sha256(name)[:8] big-endian & (2**53 - 1)).
    [Theory]
    [InlineData("gw1/kitchen", 5975246817740641L)]
    [InlineData("gw1/hall-dimmer", 1431412712999355L)]
    [InlineData("node/x", 4411891032846451L)]
    public void ComputeNumericId_KnownName_ReturnsKnownValue(string name, long expected) =>
        Assert.Equal(expected, DeviceId.ComputeNumericId(name));

    [Fact]
    public void ComputeNumericId_ManyNames_PositiveAndBelowTwoToThe53()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var value = DeviceId.ComputeNumericId($"node{i % 7}/device-{i}");
            Assert.InRange(value, 1L, (1L << 53) - 1);
        }
    }

    [Fact]
    public void ComputeNumericId_CaseDiffers_DifferentIds() =>
        Assert.NotEqual(DeviceId.ComputeNumericId("gw1/Lamp"), DeviceId.ComputeNumericId("gw1/lamp"));

    [Fact]
    public void Create_NodeAndName_JoinsWithSlashAndHashes()
    {
        var id = DeviceId.Create("gw1", "kitchen");

        Assert.Equal("gw1/kitchen", id.Name);
        Assert.Equal(5975246817740641L, id.Value);
        Assert.Equal("gw1", id.Node);
        Assert.Equal("kitchen", id.LocalName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kitchen")]
    [InlineData("/kitchen")]
    [InlineData("gw1/")]
    [InlineData("gw1/kitchen lamp")]
    public void TryParse_BadName_ReturnsFalseWithMessage(string name)
    {
        Assert.False(DeviceId.TryParse(name, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Create_NameWithSpace_Throws() =>
        Assert.Throws<ArgumentException>(() => DeviceId.Create("gw1", "a b"));
}
