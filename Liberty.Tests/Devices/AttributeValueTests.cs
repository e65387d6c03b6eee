using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class AttributeValueTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("42")]
    [InlineData("-7")]
    [InlineData("2.0")]
    [InlineData("0.25")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Json_RoundTrip_SameTextAndKind(string json)
    {
        var value = JsonSerializer.Deserialize<AttributeValue>(json);

        Assert.Equal(json, JsonSerializer.Serialize(value));
    }

    [Fact]
    public void Json_IntegralDouble_StaysDouble()
    {
        var back = JsonSerializer.Deserialize<AttributeValue>(JsonSerializer.Serialize(AttributeValue.FromDouble(5)));

        Assert.Equal(AttributeValueKind.RealNumber, back.Kind);
        Assert.Equal(AttributeValue.FromDouble(5), back);
    }

    [Fact]
    public void FromDouble_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributeValue.FromDouble(double.NaN));

    [Fact]
    public void TryGetInt64_IntegralDouble_ReturnsInteger()
    {
        Assert.True(AttributeValue.FromDouble(10.0 / 2).TryGetInt64(out var value));
        Assert.Equal(5, value);
        Assert.False(AttributeValue.FromDouble(2.5).TryGetInt64(out _));
    }

    [Fact]
    public void TryGetBoolean_Number_NonZeroIsTrue()
    {
        Assert.True(((AttributeValue)1L).TryGetBoolean(out var on));
        Assert.True(on);
        Assert.True(((AttributeValue)0L).TryGetBoolean(out var off));
        Assert.False(off);
        Assert.False(((AttributeValue)"x").TryGetBoolean(out _));
    }

    [Fact]
    public void Default_IsNull() => Assert.True(default(AttributeValue).IsNull);
}
