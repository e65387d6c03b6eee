using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class DeviceEventTests
{
    private const long Id = 5975246817740641L;

    [Fact]
    public void Json_CommandEvent_RoundTripsEqual()
    {
        var original = DeviceEvent.ForCommand(Id, ClusterIds.Level, CommandIds.Level.MoveToLevel, [200L, 20L], EventSource.AppEngine);

        var back = JsonSerializer.Deserialize<DeviceEvent>(JsonSerializer.Serialize(original));

        Assert.Equal(original, back);
        Assert.Equal(CommandIds.Level.MoveToLevel, back!.Command);
        Assert.Null(back.Attributes);
    }

    [Fact]
    public void Json_AttributeReport_RoundTripsEqualWithEveryValueKind()
    {
        var attributes = new Dictionary<int, AttributeValue>
        {
            [0] = true, [1] = 254L, [2] = 21.5, [3] = "label", [4] = AttributeValue.Null,
        };
        var original = DeviceEvent.ForReport(Id, ClusterIds.OnOff, attributes, new Dictionary<int, AttributeValue> { [0] = true }, EventSource.Report, ok: false);

        var back = JsonSerializer.Deserialize<DeviceEvent>(JsonSerializer.Serialize(original));

        Assert.Equal(original, back);
        Assert.Equal(AttributeValueKind.RealNumber, back!.Attributes![2].Kind);
        Assert.False(back.Ok);
    }

    [Fact]
    public void Json_Fields_UseLibertyNames()
    {
        var json = JsonSerializer.Serialize(DeviceEvent.ForCommand(Id, ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualLocal));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("t").GetInt32());
        Assert.Equal(Id, root.GetProperty("id").GetInt64());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(6, root.GetProperty("c").GetInt32());
        Assert.Equal(1, root.GetProperty("d").GetInt32());
        Assert.Equal(1, root.GetProperty("s").GetInt32());
    }

    [Fact]
    public void Equals_DifferentArguments_NotEqual()
    {
        var a = DeviceEvent.ForCommand(Id, ClusterIds.Level, CommandIds.Level.MoveToLevel, [200L, 20L], EventSource.AppEngine);
        var b = DeviceEvent.ForCommand(Id, ClusterIds.Level, CommandIds.Level.MoveToLevel, [200L, 21L], EventSource.AppEngine);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Enums_HaveLibertyNumbers()
    {
        Assert.Equal([0, 1, 2, 10], Enum.GetValues<EventType>().Select(static t => (int)t));
        Assert.Equal(Enumerable.Range(0, 9), Enum.GetValues<EventSource>().Select(static s => (int)s));
        Assert.Equal(8, (int)EventSource.GroupState);
    }
}
