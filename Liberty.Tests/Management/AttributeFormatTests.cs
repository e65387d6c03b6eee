using Liberty.Devices.Model;
using Liberty.Node.Management;

namespace Liberty.Tests.Management;

public sealed class AttributeFormatTests
{
    [Theory]
    [InlineData(0x0402, 0x0000, 2000L, "MeasuredValue", "20.00 °C")]
    [InlineData(0x0402, 0x0000, -550L, "MeasuredValue", "-5.50 °C")]
    [InlineData(0x0201, 0x0000, 2137L, "LocalTemperature", "21.37 °C")]
    [InlineData(0x0201, 0x0012, 2000L, "OccupiedHeatingSetpoint", "20.00 °C")]
    [InlineData(0x0201, 0x0019, 25L, "MinSetpointDeadBand", "2.5 °C")]
    [InlineData(0x0201, 0x001C, 4L, "SystemMode", "heat")]
    [InlineData(0x0201, 0x001C, 2L, "SystemMode", "mode 2")]
    [InlineData(0x0008, 0x0000, 200L, "CurrentLevel", "200 (78 %)")]
    [InlineData(0x0008, 0x0000, 255L, "CurrentLevel", "255 (100 %)")]
    [InlineData(0x0008, 0x0001, 15L, "RemainingTime", "1.5 s")]
    [InlineData(0x0006, 0x4001, 600L, "OnTime", "60.0 s")]
    [InlineData(0x0014, 0x0055, 3L, "PresentValue", "3")]
    [InlineData(0xFC02, 0x0005, 250L, "StepIntervalMs", "250 ms")]
    public void Display_StandardNumber_InItsUnitAndScale(int cluster, int attribute, long raw, string name, string shown)
    {
        Assert.Equal(name, AttributeFormat.Name(cluster, attribute));
        Assert.Equal(shown, AttributeFormat.Display(cluster, attribute, raw));
    }

    [Fact]
    public void Display_OnOffAndFlags_Words()
    {
        Assert.Equal("on", AttributeFormat.Display(0x0006, 0x0000, true));
        Assert.Equal("off", AttributeFormat.Display(0x0006, 0x0000, false));
        Assert.Equal("yes", AttributeFormat.Display(0xFC02, 0x0002, true));
    }

    [Fact]
    public void Display_UnknownAttributeOrNull_ValueAsItIs()
    {
        Assert.Null(AttributeFormat.Name(0x0300, 0x0007));
        Assert.Equal("370", AttributeFormat.Display(0x0300, 0x0007, 370L));
        Assert.Equal("warm", AttributeFormat.Display(0x0300, 0x0008, "warm"));
        Assert.Equal("-", AttributeFormat.Display(0x0402, 0x0000, AttributeValue.Null));
    }
}
