using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public sealed class OnOffBehaviourTests : IDisposable
{
    private const int OnOff = ClusterIds.OnOff;
    private readonly ClusterHarness _device;

    public OnOffBehaviourTests()
    {
        var set = new ClusterSet();
        set.Add(new OnOffBehaviour(set.Table));
        _device = new ClusterHarness(set);
    }

    public void Dispose() => _device.Dispose();

    private bool IsOn => _device.Bool(OnOff, AttributeIds.OnOff.State);

    [Fact]
    public void OnOffToggle_SetTheAttributeAndReportWithSource()
    {
        _device.Execute(OnOff, CommandIds.OnOff.On);
        Assert.True(IsOn);
        var report = Assert.Single(_device.Reports);
        Assert.Equal(EventType.AttributeReport, report.Type);
        Assert.Equal((AttributeValue)true, report.Affected![AttributeIds.OnOff.State]);
        Assert.Equal(EventSource.AppEngine, report.Source);

        _device.Execute(OnOff, CommandIds.OnOff.Toggle);
        Assert.False(IsOn);
        _device.Execute(OnOff, CommandIds.OnOff.Off);
        Assert.False(IsOn);
        Assert.Equal(2, _device.Reports.Count);
    }

    [Fact]
    public void OnWithTimedOff_AfterOnTime_TurnsItselfOff()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 50L, 0L);
        Assert.True(IsOn);
        Assert.Equal(50, _device.Int(OnOff, AttributeIds.OnOff.OnTime));

        _device.Time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.True(IsOn);

        _device.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(IsOn);
        Assert.Equal(0, _device.Int(OnOff, AttributeIds.OnOff.OnTime));
        Assert.Equal(EventSource.AutoLocal, _device.Reports[^1].Source);
    }

    [Fact]
    public void OnWithTimedOff_LibertyTwoArgumentForm_SameMeaning()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 20L, 0L);

        _device.Advance(2);

        Assert.False(IsOn);
    }

    [Fact]
    public void OnWithTimedOff_DuringOffWait_IgnoredUntilItEnds()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 10L, 30L);
        _device.Advance(1);
        Assert.False(IsOn);

        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 10L, 0L);
        Assert.False(IsOn);

        _device.Advance(3);
        Assert.Equal(0, _device.Int(OnOff, AttributeIds.OnOff.OffWaitTime));
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 10L, 0L);
        Assert.True(IsOn);
    }

    [Fact]
    public void OnWithTimedOff_AcceptOnlyWhenOnWhileOff_Ignored()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 1L, 10L, 0L);

        Assert.False(IsOn);
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void OnWithTimedOff_ShorterWhileRunning_KeepsTheLongerTime()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 50L, 0L);
        _device.Advance(1);

        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 10L, 0L);
        _device.Advance(3.9);
        Assert.True(IsOn);
        _device.Advance(0.1);
        Assert.False(IsOn);
    }

    [Fact]
    public void Off_DuringTimedOn_CancelsTheTimer()
    {
        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 10L, 0L);

        _device.Execute(OnOff, CommandIds.OnOff.Off);
        _device.Execute(OnOff, CommandIds.OnOff.On);
        _device.Advance(5);

        Assert.True(IsOn);
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void Execute_UnknownCommand_UnsupportedCommand() =>
        Assert.Equal(CommandStatus.UnsupportedCommand, _device.Execute(OnOff, 0x40).Status);

    [Fact]
    public void Execute_OtherCluster_UnsupportedCluster() =>
        Assert.Equal(CommandStatus.UnsupportedCluster, _device.Execute(ClusterIds.Level, 0, 1L).Status);
}
