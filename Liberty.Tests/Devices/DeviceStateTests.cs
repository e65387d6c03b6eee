using Liberty.Devices.Model;
using Liberty.Tests.Support;

namespace Liberty.Tests.Devices;

public class DeviceStateTests
{
    private static readonly DeviceInfo Info = new(DeviceId.Create("gw1", "dimmer"), DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level], "test");
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Apply_Report_CachesValuesWithTimeAndMarksHeard()
    {
        var state = new DeviceState(Info);
        state.SetOk(true, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(3));

        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = 128L }, null, EventSource.Report), _time.GetUtcNow());

        Assert.True(state.TryGetAttribute(ClusterIds.Level, 0, out var level));
        Assert.Equal((AttributeValue)128L, level.Value);
        Assert.Equal(_time.GetUtcNow(), level.ReportedAt);
        Assert.Equal(_time.GetUtcNow(), state.LastHeard);
        Assert.True(state.TryGetLevel(out var current));
        Assert.Equal(128, current);
    }

    [Fact]
    public void SetOk_Change_ReturnsOneReportPerClusterWithCachedValues()
    {
        var state = new DeviceState(Info);
        state.SetOk(true, _time.GetUtcNow());
        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [0] = true }, null, EventSource.Report), _time.GetUtcNow());

        var events = state.SetOk(false, _time.GetUtcNow());

        Assert.Equal([ClusterIds.OnOff, ClusterIds.Level], events.Select(static e => e.Cluster));
        Assert.All(events, static e => Assert.False(e.Ok));
        Assert.Equal((AttributeValue)true, events[0].Attributes![0]);
        Assert.Empty(state.SetOk(false, _time.GetUtcNow()));
        Assert.False(state.TryGetOnOff(out _));
    }

    [Fact]
    public void TryGetOnOff_LevelOnlyDevice_AnswersLevelAboveZero()
    {
        var info = Info with { Clusters = [ClusterIds.Level] };
        var state = new DeviceState(info);
        state.SetOk(true, _time.GetUtcNow());
        state.Apply(DeviceEvent.ForReport(info.Id.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = 3L }, null, EventSource.Report), _time.GetUtcNow());

        Assert.True(state.TryGetOnOff(out var on));
        Assert.True(on);
    }

    [Fact]
    public void Apply_OtherDevice_Throws()
    {
        var state = new DeviceState(Info);

        Assert.Throws<ArgumentException>(() => state.Apply(DeviceEvent.ForCommand(1, ClusterIds.OnOff, 1, [], EventSource.None), _time.GetUtcNow()));
    }

    [Fact]
    public void ToSnapshot_OrdersAttributes()
    {
        var state = new DeviceState(Info);
        state.SetOk(true, _time.GetUtcNow());
        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [1] = 0L, [0] = 5L }, null, EventSource.Report), _time.GetUtcNow());
        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [0] = true }, null, EventSource.Report), _time.GetUtcNow());

        var snapshot = state.ToSnapshot();

        Assert.Equal([(6, 0), (8, 0), (8, 1)], snapshot.Attributes.Select(static a => (a.Cluster, a.Attribute)));
        Assert.True(snapshot.Ok);
    }

    [Fact]
    public void Restore_LastKnownValues_ServedWhenOkButNotHeardAndReplacedByReports()
    {
        var state = new DeviceState(Info);
        var savedAt = _time.GetUtcNow().AddHours(-1);

        var restored = state.Restore(
        [
            new AttributeReading(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 200L, savedAt),
            new AttributeReading(ClusterIds.Thermostat, 0, 2100L, savedAt),
        ]);

        Assert.Equal(1, restored);
        Assert.Null(state.LastHeard);
        Assert.False(state.Ok);
        Assert.False(state.TryGetLevel(out _));
        Assert.True(state.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out var value));
        Assert.Equal(new ReportedValue(200L, savedAt, Restored: true), value);
        Assert.True(Assert.Single(state.ToSnapshot().Attributes).Restored);

        state.SetOk(true, _time.GetUtcNow());
        Assert.True(state.TryGetLevel(out var level));
        Assert.Equal(200, level);

        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [AttributeIds.Level.CurrentLevel] = 10L }, null, EventSource.Report), _time.GetUtcNow());
        Assert.True(state.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out value));
        Assert.Equal(new ReportedValue(10L, _time.GetUtcNow()), value);
    }

    [Fact]
    public void Restore_ValueAlreadyCached_NotReplaced()
    {
        var state = new DeviceState(Info);
        state.SetOk(true, _time.GetUtcNow());
        state.Apply(DeviceEvent.ForReport(Info.Id.Value, ClusterIds.Level, new Dictionary<int, AttributeValue> { [AttributeIds.Level.CurrentLevel] = 10L }, null, EventSource.Report), _time.GetUtcNow());

        Assert.Equal(0, state.Restore([new AttributeReading(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 200L, _time.GetUtcNow().AddHours(-1))]));
        Assert.True(state.TryGetLevel(out var level));
        Assert.Equal(10, level);
    }
}
