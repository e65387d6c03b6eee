using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class MultistateBehaviourTests
{
    private static ClusterHarness Device(int cluster)
    {
        var set = new ClusterSet();
        set.Add(new MultistateBehaviour(set.Table, cluster, numberOfStates: 4));
        return new ClusterHarness(set);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Write_PresentValueInBounds_Set(long value)
    {
        using var device = Device(ClusterIds.MultistateOutput);

        Assert.True(device.Write(ClusterIds.MultistateOutput, new() { [AttributeIds.Multistate.PresentValue] = value }).IsSuccess);
        Assert.Equal(value, device.Int(ClusterIds.MultistateOutput, AttributeIds.Multistate.PresentValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Write_PresentValueOutOfBounds_RefusedWithRange(long value)
    {
        using var device = Device(ClusterIds.MultistateValue);

        var result = device.Write(ClusterIds.MultistateValue, new() { [AttributeIds.Multistate.PresentValue] = value });

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.Contains("1..4", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, device.Int(ClusterIds.MultistateValue, AttributeIds.Multistate.PresentValue));
    }

    [Fact]
    public void Write_InputCluster_ReadOnly()
    {
        using var device = Device(ClusterIds.MultistateInput);

        Assert.Equal(CommandStatus.ReadOnly, device.Write(ClusterIds.MultistateInput, new() { [AttributeIds.Multistate.PresentValue] = 2L }).Status);
    }

    [Fact]
    public void Write_NumberOfStates_ReadOnly()
    {
        using var device = Device(ClusterIds.MultistateOutput);

        Assert.Equal(CommandStatus.ReadOnly, device.Write(ClusterIds.MultistateOutput, new() { [AttributeIds.Multistate.NumberOfStates] = 9L }).Status);
    }

    [Fact]
    public void TrySetPresentValue_DeviceSideOutOfBounds_False()
    {
        var set = new ClusterSet();
        var multistate = set.Add(new MultistateBehaviour(set.Table, ClusterIds.MultistateInput, 3));

        Assert.False(multistate.TrySetPresentValue(4, EventSource.Report));
        Assert.True(multistate.TrySetPresentValue(3, EventSource.Report));
    }
}
