using System.Text.Json;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

/// <summary>The contract every <see cref="IDeviceDriver"/> keeps; each driver (and kind) runs it through a subclass.</summary>
public abstract class DeviceDriverContractTests : IDisposable
{
    private const int UnknownCluster = 0x0300;
    private DriverHarness? _harness;

    /// <summary>Creates a driver for a healthy device (not started).</summary>
    internal abstract IDeviceDriver CreateDriver();

    /// <summary>A command the device accepts, or null when it takes none.</summary>
    internal abstract DeviceCommand? SupportedCommand { get; }

    internal DriverHarness Harness => _harness ??= new DriverHarness(CreateDriver());

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _harness?.Dispose();
        }
    }

    [Fact]
    public void Start_HealthyDevice_ReportsOkOnce()
    {
        Assert.False(Harness.Driver.IsOk);

        Harness.Start();

        Assert.True(Harness.Driver.IsOk);
        var (ok, reason) = Assert.Single(Harness.Liveness);
        Assert.True(ok);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        Harness.Start();

        Assert.Throws<InvalidOperationException>(() => Harness.Driver.Start(Harness, Harness.Now));
    }

    [Fact]
    public void Execute_BeforeStart_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Harness.Driver.Execute(new DeviceCommand(ClusterIds.OnOff, 1, [], EventSource.AppEngine), Harness.Now));

    [Fact]
    public void Execute_UnknownCluster_UnsupportedClusterWithMessage()
    {
        Harness.Start();

        var result = Harness.Execute(UnknownCluster, 0);

        Assert.Equal(CommandStatus.UnsupportedCluster, result.Status);
        Assert.Contains("0x0300", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAttributes_UnknownCluster_UnsupportedCluster()
    {
        Harness.Start();

        Assert.Equal(CommandStatus.UnsupportedCluster, Harness.Write(UnknownCluster, new() { [0] = 1L }).Status);
    }

    [Fact]
    public void Execute_SupportedCommand_SucceedsNowOrCompletesWithSuccess()
    {
        Harness.Start();
        if (SupportedCommand is not { } command)
        {
            var first = Harness.Driver.Info.Clusters[0];
            Assert.False(Harness.Execute(first, 0x7F).IsSuccess);
            return;
        }

        var result = Harness.Execute(command);
        Harness.Advance(10);

        if (result.Status == CommandStatus.Pending)
        {
            var completion = Assert.Single(Harness.Completions);
            Assert.Equal(command.CorrelationId, completion.CorrelationId);
            Assert.True(completion.Result.IsSuccess, completion.Result.Message);
        }
        else
        {
            Assert.True(result.IsSuccess, result.Message);
            Assert.Empty(Harness.Completions);
        }
    }

    [Fact]
    public void Events_AreForThisDeviceAndItsClustersAndSurviveJson()
    {
        Harness.Start();
        if (SupportedCommand is { } command)
        {
            Harness.Execute(command);
        }
        Harness.Advance(30);

        Assert.All(Harness.Events.Concat(Harness.OwnerEvents), e =>
        {
            Assert.Equal(Harness.Driver.Info.Id.Value, e.Id);
            Assert.Contains(e.Cluster, Harness.Driver.Info.Clusters);
            Assert.Equal(e, JsonSerializer.Deserialize<DeviceEvent>(JsonSerializer.Serialize(e)));
        });
    }

    [Fact]
    public void ReadAttributes_OnlyDeclaredClusters()
    {
        Harness.Start();

        Assert.All(Harness.Driver.ReadAttributes().Keys, k => Assert.Contains(k.Cluster, Harness.Driver.Info.Clusters));
    }

    [Fact]
    public void Refresh_ReportsCarryQuerySource()
    {
        Harness.Start();
        Harness.Events.Clear();

        Harness.Refresh();

        Assert.All(Harness.Events, static e => Assert.Equal(EventSource.Query, e.Source));
        Assert.Equal(Harness.Driver.ReadAttributes().Select(static k => k.Key.Cluster).Distinct().Count(), Harness.Events.Count);
    }

    [Fact]
    public void Tick_Scheduled_NextDueIsNeverInThePast()
    {
        Harness.Start();
        if (SupportedCommand is { } command)
        {
            Harness.Execute(command);
        }

        Harness.Advance(30);

        Assert.True(Harness.TickTimes.Count < 1000, $"{Harness.TickTimes.Count} ticks in 30 s");
        Assert.True(Harness.Driver.NextDue is null || Harness.Driver.NextDue > Harness.Now);
    }

    [Fact]
    public void Shutdown_NothingMoreIsReportedOrScheduled()
    {
        Harness.Start();
        Harness.Driver.Shutdown();
        var events = Harness.Events.Count;

        Harness.Driver.Tick(Harness.Now + TimeSpan.FromMinutes(1));

        Assert.Null(Harness.Driver.NextDue);
        Assert.Equal(events, Harness.Events.Count);
        Assert.Throws<InvalidOperationException>(() => Harness.Driver.Execute(new DeviceCommand(ClusterIds.OnOff, 1, [], EventSource.AppEngine), Harness.Now));
    }
}
