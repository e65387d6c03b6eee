using Liberty.Devices.Drivers;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public sealed class VirtualDeviceDriverTests : IDisposable
{
    private readonly VirtualDeviceDriver _driver;
    private readonly DriverHarness _harness;

    public VirtualDeviceDriverTests()
    {
        Assert.True(VirtualDeviceDriver.TryParseSpec(DeviceId.Create("gw1", "vlight"), "1,101,8", out var info, out _));
        _driver = new VirtualDeviceDriver(info);
        _harness = new DriverHarness(_driver);
        _harness.Start();
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void TryParseSpec_DimmableLight_TypeAndClustersWithOnOff()
    {
        Assert.Equal(DeviceTypes.DimmableLight, _driver.Info.DeviceType);
        Assert.Equal([ClusterIds.OnOff, ClusterIds.Level], _driver.Info.Clusters);
    }

    [Theory]
    [InlineData("1,101")]
    [InlineData("1,zz,8")]
    [InlineData("1,100,6|q")]
    public void TryParseSpec_Malformed_FalseWithMessage(string spec)
    {
        Assert.False(VirtualDeviceDriver.TryParseSpec(DeviceId.Create("gw1", "v"), spec, out _, out var error));
        Assert.Contains(spec, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandToTheDevice_GoesToTheOwnerOnly()
    {
        var result = _harness.Execute(new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevel, [100L, 5L], EventSource.ManualRemote));

        Assert.True(result.IsSuccess);
        var toOwner = Assert.Single(_harness.OwnerEvents);
        Assert.Equal(EventType.Command, toOwner.Type);
        Assert.Equal(EventSource.ManualRemote, toOwner.Source);
        Assert.Empty(_harness.Events);
    }

    [Fact]
    public void AttributeWrite_GoesToTheOwnerAsAttributeEvent()
    {
        _harness.Write(ClusterIds.Level, new() { [AttributeIds.Level.OnOffTransitionTime] = 5L });

        var toOwner = Assert.Single(_harness.OwnerEvents);
        Assert.Equal(EventType.AttributeReport, toOwner.Type);
        Assert.Equal((AttributeValue)5L, toOwner.Affected![AttributeIds.Level.OnOffTransitionTime]);
    }

    [Fact]
    public void OwnerSet_PublishedAsCommandEventThenTheStateItSets()
    {
        _driver.OwnerCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote);

        Assert.Equal(2, _harness.Events.Count);
        var emitted = _harness.Events[0];
        Assert.Equal(EventType.Command, emitted.Type);
        Assert.Equal(CommandIds.OnOff.On, emitted.Command);
        Assert.Equal(EventSource.ManualRemote, emitted.Source);
        var state = _harness.Events[1];
        Assert.Equal((EventType.AttributeReport, EventSource.ManualRemote), (state.Type, state.Source));
        Assert.Equal((AttributeValue)true, state.Affected![AttributeIds.OnOff.State]);
        Assert.Equal((AttributeValue)true, _driver.ReadAttributes()[new AttributeKey(ClusterIds.OnOff, AttributeIds.OnOff.State)]);
    }

    [Theory]
    [InlineData(CommandIds.OnOff.Off, false)]
    [InlineData(CommandIds.OnOff.Toggle, false)]
    [InlineData(CommandIds.OnOff.OnWithTimedOff, true)]
    public void OwnerSet_AfterOn_StateFollowsTheCommand(int command, bool expected)
    {
        _driver.OwnerCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine);

        _driver.OwnerCommand(ClusterIds.OnOff, command, [], EventSource.AppEngine);

        Assert.Equal((AttributeValue)expected, _driver.ReadAttributes()[new AttributeKey(ClusterIds.OnOff, AttributeIds.OnOff.State)]);
    }

    [Fact]
    public void OwnerReport_PublishedAndCachedWithTheWholeCluster()
    {
        _driver.OwnerReport(ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = 10L }, EventSource.AppEngine);
        _driver.OwnerReport(ClusterIds.Level, new Dictionary<int, AttributeValue> { [1] = 0L }, EventSource.AppEngine);

        var last = _harness.Events[^1];
        Assert.Equal(2, last.Attributes!.Count);
        Assert.Equal([1], last.Affected!.Keys);
        Assert.Equal(2, _driver.ReadAttributes().Count);
    }

    [Fact]
    public void DeviceDown_OkFalseUntilTheNextReport()
    {
        _driver.OwnerDeviceDown();
        Assert.False(_driver.IsOk);
        Assert.Equal((false, "marked down by its task"), _harness.Liveness[^1]);

        _driver.OwnerReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [0] = true }, EventSource.AppEngine);

        Assert.True(_driver.IsOk);
        Assert.True(_harness.Liveness[^1].Ok);
    }

    [Fact]
    public void OwnerReport_UndeclaredCluster_Refused() =>
        Assert.Equal(CommandStatus.UnsupportedCluster, _driver.OwnerReport(ClusterIds.Thermostat, new Dictionary<int, AttributeValue> { [0] = 1L }, EventSource.AppEngine).Status);
}
