using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class DeviceIdIndexTests
{
    [Fact]
    public void TryAdd_NewId_AddsBothDirections()
    {
        var index = new DeviceIdIndex();
        var id = DeviceId.Create("gw1", "kitchen");

        Assert.True(index.TryAdd(id, out _));
        Assert.True(index.TryGet(id.Value, out var byValue));
        Assert.True(index.TryGet("gw1/kitchen", out var byName));
        Assert.Equal(id, byValue);
        Assert.Equal(id, byName);
    }

    [Fact]
    public void TryAdd_SameName_RefusedWithMessage()
    {
        var index = new DeviceIdIndex();
        index.TryAdd(DeviceId.Create("gw1", "kitchen"), out _);

        Assert.False(index.TryAdd(DeviceId.Create("gw1", "kitchen"), out var error));
        Assert.Contains("already registered", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAdd_CollidingNumericId_RefusedNamingBothDevices()
    {
        var index = new DeviceIdIndex();
        var first = DeviceId.Create("gw1", "kitchen");
        index.TryAdd(first, out _);
        // A real SHA-256 collision cannot be found; a forged id with the same value exercises the same path.
        var second = new DeviceId("gw2/other", first.Value);

        Assert.False(index.TryAdd(second, out var error));
        Assert.Contains("gw2/other", error, StringComparison.Ordinal);
        Assert.Contains("gw1/kitchen", error, StringComparison.Ordinal);
        Assert.Contains(first.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Remove_Held_FreesNameAndValue()
    {
        var index = new DeviceIdIndex();
        var id = DeviceId.Create("gw1", "kitchen");
        index.TryAdd(id, out _);

        Assert.True(index.Remove(id));
        Assert.False(index.TryGet(id.Value, out _));
        Assert.True(index.TryAdd(id, out _));
    }
}
