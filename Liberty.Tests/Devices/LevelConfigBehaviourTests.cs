using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public sealed class LevelConfigBehaviourTests : IDisposable
{
    private const int Config = ClusterIds.LevelConfig;
    private readonly ClusterHarness _device;

    public LevelConfigBehaviourTests()
    {
        var set = new ClusterSet();
        set.Add(new LevelConfigBehaviour(set.Table));
        _device = new ClusterHarness(set);
    }

    public void Dispose() => _device.Dispose();

    [Fact]
    public void Write_AllSixAttributes_Set()
    {
        var result = _device.Write(Config, new() { [0] = 10L, [1] = 200L, [2] = true, [3] = 20L, [4] = 5L, [5] = 300L });

        Assert.True(result.IsSuccess);
        Assert.Equal([10L, 200L, 1L, 20L, 5L, 300L], Enumerable.Range(0, 6).Select(a => _device.Int(Config, a)));
        Assert.Equal(AttributeValueKind.Boolean, _device.Set.Table.Get(Config, 2).Kind);
    }

    [Fact]
    public void Write_MinAboveMax_RefusedAndUnchanged()
    {
        var result = _device.Write(Config, new() { [0] = 100L, [1] = 50L });

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.Equal(0, _device.Int(Config, 0));
    }

    [Theory]
    [InlineData(2, 3L)]
    [InlineData(3, 0L)]
    [InlineData(5, 0L)]
    [InlineData(9, 1L)]
    public void Write_BadValue_Refused(int attribute, long value) =>
        Assert.False(_device.Write(Config, new() { [attribute] = value }).IsSuccess);
}
