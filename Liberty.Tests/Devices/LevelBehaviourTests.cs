using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public sealed class LevelBehaviourTests : IDisposable
{
    private const int Level = ClusterIds.Level;
    private const int OnOff = ClusterIds.OnOff;
    private const int Current = AttributeIds.Level.CurrentLevel;
    private readonly ClusterHarness _device;

    public LevelBehaviourTests() => _device = Dimmer();

    public void Dispose() => _device.Dispose();

    private static ClusterHarness Dimmer(int minLevel = 0, int initialLevel = 0)
    {
        var set = new ClusterSet();
        var onOff = set.Add(new OnOffBehaviour(set.Table));
        set.Add(new LevelBehaviour(set.Table, onOff, TimeSpan.FromMilliseconds(100), minLevel, 255, initialLevel));
        return new ClusterHarness(set);
    }

    private bool IsOn => _device.Bool(OnOff, AttributeIds.OnOff.State);

    [Fact]
    public void MoveToLevel_0To254Over2s_IsHalfWayAfter1s()
    {
        Assert.True(_device.Execute(Level, CommandIds.Level.MoveToLevel, 254L, 20L).IsSuccess);
        Assert.True(IsOn);

        _device.Advance(1);
        Assert.Equal(127, _device.Int(Level, Current));
        Assert.Equal(10, _device.Int(Level, AttributeIds.Level.RemainingTime));

        _device.Advance(1);
        Assert.Equal(254, _device.Int(Level, Current));
        Assert.Equal(0, _device.Int(Level, AttributeIds.Level.RemainingTime));
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void MoveToLevel_Transition_ReportsEveryTenthWithCommandSource()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 200L, 10L);
        _device.Reports.Clear();

        _device.Advance(1);

        var levels = _device.Reports.Where(static r => r.Cluster == Level && r.Affected!.ContainsKey(Current)).Select(static r => r.Affected![Current]).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(static i => (AttributeValue)(long)(i * 20)), levels);
        Assert.All(_device.Reports, static r => Assert.Equal(EventSource.AppEngine, r.Source));
    }

    [Fact]
    public void MoveToLevel_NoTransition_SetsAtOnce()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 80L);

        Assert.Equal(80, _device.Int(Level, Current));
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void MoveToLevel_ToZero_TurnsOffWhenItArrives()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 200L);

        _device.Execute(Level, CommandIds.Level.MoveToLevel, 0L, 10L);
        _device.Advance(0.5);
        Assert.Equal(100, _device.Int(Level, Current));
        Assert.True(IsOn);

        _device.Advance(0.5);
        Assert.Equal(0, _device.Int(Level, Current));
        Assert.False(IsOn);
    }

    [Fact]
    public void Tick_LateByMoreThanTheTransition_LandsOnTarget()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 254L, 20L);

        _device.Set.Tick(_device.Time.GetUtcNow() + TimeSpan.FromSeconds(5));

        Assert.Equal(254, _device.Int(Level, Current));
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void Move_Up_RunsAtRateUntilMax()
    {
        _device.Execute(Level, CommandIds.Level.Move, 0L, 100L);

        _device.Advance(1);
        Assert.Equal(100, _device.Int(Level, Current));
        _device.Advance(1.55);
        Assert.Equal(255, _device.Int(Level, Current));
        Assert.Null(_device.Set.NextDue);
    }

    [Fact]
    public void Move_ThenStop_StaysWhereItWas()
    {
        _device.Execute(Level, CommandIds.Level.Move, 0L, 50L);
        _device.Advance(1.5);

        _device.Execute(Level, CommandIds.Level.Stop);
        _device.Advance(10);

        Assert.Equal(75, _device.Int(Level, Current));
        Assert.True(IsOn);
    }

    [Fact]
    public void Stop_BetweenTicks_UsesTheExactLevelAtThatInstant()
    {
        _device.Execute(Level, CommandIds.Level.Move, 0L, 100L);
        _device.Time.Advance(TimeSpan.FromMilliseconds(1234));

        _device.Execute(Level, CommandIds.Level.StopWithOnOff);

        Assert.Equal(123, _device.Int(Level, Current));
    }

    [Fact]
    public void Move_DownToZero_TurnsOff()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 100L);

        _device.Execute(Level, CommandIds.Level.Move, 1L, 50L);
        _device.Advance(2);

        Assert.Equal(0, _device.Int(Level, Current));
        Assert.False(IsOn);
    }

    [Fact]
    public void Step_UpAndDown_MovesBySizeAndClamps()
    {
        _device.Execute(Level, CommandIds.Level.Step, 0L, 60L, 0L);
        Assert.Equal(60, _device.Int(Level, Current));

        _device.Execute(Level, CommandIds.Level.Step, 0L, 250L, 10L);
        _device.Advance(1);
        Assert.Equal(255, _device.Int(Level, Current));

        _device.Execute(Level, CommandIds.Level.Step, 1L, 255L, 0L);
        Assert.Equal(0, _device.Int(Level, Current));
        Assert.False(IsOn);
    }

    [Fact]
    public void MoveWithOnOff_DownToMinLevel_SwitchesOff()
    {
        using var device = Dimmer(minLevel: 20, initialLevel: 100);

        device.Execute(Level, CommandIds.Level.MoveWithOnOff, 1L, 80L);
        device.Advance(1);

        Assert.Equal(0, device.Int(Level, Current));
        Assert.False(device.Bool(OnOff, AttributeIds.OnOff.State));
    }

    [Fact]
    public void Move_PlainDownToMinLevel_StopsAtMinAndStaysOn()
    {
        using var device = Dimmer(minLevel: 20, initialLevel: 100);

        device.Execute(Level, CommandIds.Level.Move, 1L, 80L);
        device.Advance(1);

        Assert.Equal(20, device.Int(Level, Current));
        Assert.True(device.Bool(OnOff, AttributeIds.OnOff.State));
    }

    [Fact]
    public void MoveToLevelWithOnOff_FromOff_SwitchesOnAtStart()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevelWithOnOff, 100L, 10L);

        Assert.True(IsOn);
        Assert.Equal(0, _device.Int(Level, Current));
        _device.Advance(1);
        Assert.Equal(100, _device.Int(Level, Current));
    }

    [Fact]
    public void StepWithOnOff_DownToMin_SwitchesOff()
    {
        using var device = Dimmer(minLevel: 20, initialLevel: 30);

        device.Execute(Level, CommandIds.Level.StepWithOnOff, 1L, 10L, 0L);

        Assert.Equal(0, device.Int(Level, Current));
        Assert.False(device.Bool(OnOff, AttributeIds.OnOff.State));
    }

    [Fact]
    public void OnOff_OffThenOn_RestoresTheLastLevel()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 180L);

        _device.Execute(OnOff, CommandIds.OnOff.Off);
        Assert.Equal(0, _device.Int(Level, Current));
        Assert.False(IsOn);

        _device.Execute(OnOff, CommandIds.OnOff.On);
        Assert.Equal(180, _device.Int(Level, Current));
        Assert.True(IsOn);
    }

    [Fact]
    public void OnOff_OnWithNoMemory_GoesToMaxLevel()
    {
        _device.Execute(OnOff, CommandIds.OnOff.On);

        Assert.Equal(255, _device.Int(Level, Current));
    }

    [Fact]
    public void OnOff_Toggle_SwitchesBothWays()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 90L);

        _device.Execute(OnOff, CommandIds.OnOff.Toggle);
        Assert.Equal(0, _device.Int(Level, Current));
        _device.Execute(OnOff, CommandIds.OnOff.Toggle);
        Assert.Equal(90, _device.Int(Level, Current));
    }

    [Fact]
    public void OnOff_WithOnOffTransitionTime_OffTakesThatLong()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 200L);
        Assert.True(_device.Write(Level, new() { [AttributeIds.Level.OnOffTransitionTime] = 10L }).IsSuccess);

        _device.Execute(OnOff, CommandIds.OnOff.Off);
        _device.Advance(0.5);
        Assert.Equal(100, _device.Int(Level, Current));
        Assert.True(IsOn);

        _device.Advance(0.5);
        Assert.Equal(0, _device.Int(Level, Current));
        Assert.False(IsOn);
    }

    [Fact]
    public void OnWithTimedOff_LevelDevice_RestoresLevelThenGoesToZero()
    {
        _device.Execute(Level, CommandIds.Level.MoveToLevel, 150L);
        _device.Execute(OnOff, CommandIds.OnOff.Off);

        _device.Execute(OnOff, CommandIds.OnOff.OnWithTimedOff, 0L, 30L, 0L);
        Assert.Equal(150, _device.Int(Level, Current));
        _device.Advance(3);

        Assert.Equal(0, _device.Int(Level, Current));
        Assert.Equal(EventSource.AutoLocal, _device.Reports[^1].Source);
    }

    [Theory]
    [InlineData(CommandIds.Level.MoveToLevel, new long[] { 256 }, "level")]
    [InlineData(CommandIds.Level.MoveToLevel, new long[0], "level")]
    [InlineData(CommandIds.Level.Move, new long[] { 2, 10 }, "mode")]
    [InlineData(CommandIds.Level.Move, new long[] { 0, 0 }, "rate")]
    [InlineData(CommandIds.Level.Step, new long[] { 0 }, "size")]
    public void Execute_BadArguments_InvalidArgumentNamingIt(int command, long[] arguments, string name)
    {
        var result = _device.Execute(Level, command, [.. arguments.Select(static a => (AttributeValue)a)]);

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.Contains(name, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, _device.Int(Level, Current));
    }

    [Fact]
    public void Execute_IntegralDoubleArguments_Accepted()
    {
        Assert.True(_device.Execute(Level, CommandIds.Level.MoveToLevel, 100.0, 0.0).IsSuccess);
        Assert.Equal(100, _device.Int(Level, Current));
    }

    [Fact]
    public void Write_CurrentLevel_ReadOnly() =>
        Assert.Equal(CommandStatus.ReadOnly, _device.Write(Level, new() { [Current] = 10L }).Status);
}
