using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public sealed class SimulatedDeviceDriverTests : IDisposable
{
    private readonly List<DriverHarness> _harnesses = [];

    public void Dispose() => _harnesses.ForEach(static h => h.Dispose());

    private (DriverHarness Harness, SimulatedDeviceDriver Driver) Start(SimulatedKind kind, SimulatedDriverOptions? options = null, SimulatedDeviceParameters? parameters = null)
    {
        var driver = new SimulatedDeviceDriver(DeviceId.Create("gw1", "sim"), kind, parameters ?? new(), options ?? new(), NullLogger.Instance);
        var harness = new DriverHarness(driver);
        _harnesses.Add(harness);
        harness.Start();
        return (harness, driver);
    }

    [Fact]
    public void NotAnswering_AtNextLivenessCheck_GoesOkFalseThenRecovers()
    {
        var (harness, driver) = Start(SimulatedKind.OnOffLight);

        driver.InjectFaults(SimulatedFaults.NotAnswering);
        harness.Advance(4.9);
        Assert.True(driver.IsOk);
        harness.Advance(0.1);
        Assert.False(driver.IsOk);
        Assert.Equal((false, "did not answer the liveness check"), harness.Liveness[^1]);
        Assert.Equal(CommandStatus.Unreachable, harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On).Status);

        driver.InjectFaults(SimulatedFaults.None);
        harness.Events.Clear();
        harness.Advance(5);
        Assert.True(driver.IsOk);
        Assert.True(harness.Liveness[^1].Ok);
        Assert.Single(harness.Reports(ClusterIds.OnOff));
        Assert.Equal(3, harness.Liveness.Count);
    }

    [Fact]
    public void Latency_CommandIsPendingThenTakesEffectAndCompletes()
    {
        var (harness, _) = Start(SimulatedKind.OnOffLight, new() { CommandLatency = TimeSpan.FromMilliseconds(250) });
        harness.Events.Clear();

        Assert.Equal(CommandStatus.Pending, harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On).Status);
        harness.Time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Empty(harness.Events);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((7L, CommandResult.Success), Assert.Single(harness.Completions));
        Assert.Equal((AttributeValue)true, Assert.Single(harness.Events).Affected![AttributeIds.OnOff.State]);
    }

    [Fact]
    public void Late_BeyondTimeout_TimesOutThenTheLateAnswerStillReports()
    {
        var (harness, driver) = Start(SimulatedKind.OnOffLight, new() { CommandTimeout = TimeSpan.FromSeconds(1) });
        driver.InjectFaults(SimulatedFaults.Late, TimeSpan.FromSeconds(3));

        Assert.Equal(CommandStatus.Pending, harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On).Status);
        harness.Advance(1);
        Assert.Equal(CommandStatus.Timeout, Assert.Single(harness.Completions).Result.Status);
        Assert.DoesNotContain(harness.Reports(ClusterIds.OnOff), static e => e.Affected is not null);

        harness.Advance(2);
        Assert.Single(harness.Completions);
        Assert.Contains(harness.Reports(ClusterIds.OnOff), static e => e.Affected?[AttributeIds.OnOff.State] == true);
    }

    [Fact]
    public void NotAnswering_PendingCommand_TimesOutAndNeverTakesEffect()
    {
        var (harness, driver) = Start(SimulatedKind.OnOffLight, new() { CommandLatency = TimeSpan.FromMilliseconds(100), CommandTimeout = TimeSpan.FromSeconds(2) });
        harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On);

        driver.InjectFaults(SimulatedFaults.NotAnswering);
        harness.Advance(2);
        driver.InjectFaults(SimulatedFaults.None);
        harness.Advance(10);

        Assert.Equal(CommandStatus.Timeout, Assert.Single(harness.Completions).Result.Status);
        Assert.False(driver.ReadAttributes()[new AttributeKey(ClusterIds.OnOff, AttributeIds.OnOff.State)].TryGetBoolean(out var on) && on);
    }

    [Fact]
    public void FailCommands_CommandFailsAndChangesNothing()
    {
        var (harness, driver) = Start(SimulatedKind.OnOffLight);
        driver.InjectFaults(SimulatedFaults.FailCommands);
        harness.Events.Clear();

        var result = harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On);

        Assert.Equal(CommandStatus.Failed, result.Status);
        Assert.Contains("simulated fault", result.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Events);
        Assert.True(driver.IsOk);
    }

    [Fact]
    public void Switch_Pressed_EmitsManualLocalCommand()
    {
        var (harness, _) = Start(SimulatedKind.Switch);

        Assert.True(harness.Execute(ClusterIds.Level, CommandIds.Level.Step, 0L, 20L, 5L).IsSuccess);

        var pressed = Assert.Single(harness.Events);
        Assert.Equal(EventType.Command, pressed.Type);
        Assert.Equal(CommandIds.Level.Step, pressed.Command);
        Assert.Equal(EventSource.ManualLocal, pressed.Source);
        Assert.Equal([0L, 20L, 5L], pressed.Arguments!.Select(static a => a.TryGetInt64(out var v) ? v : -1));
    }

    [Fact]
    public void TemperatureSensor_Drift_ReportsEverySampleWithinStepAndRepeatsPerSeed()
    {
        static List<long> Run(SimulatedDeviceDriverTests test)
        {
            var (harness, _) = test.Start(SimulatedKind.TemperatureSensor, parameters: new(Temperature: 2100, Seed: 99));
            harness.Events.Clear();
            harness.Advance(100);
            return [.. harness.Reports(ClusterIds.TemperatureMeasurement).Select(static e => e.Attributes![0].TryGetInt64(out var v) ? v : 0)];
        }

        var first = Run(this);
        var second = Run(this);

        Assert.Equal(first, second);
        Assert.InRange(first.Count, 1, 10);
        Assert.All(first.Zip(first.Skip(1), static (a, b) => Math.Abs(a - b)), static step => Assert.InRange(step, 0, SimulatedDriverOptions.DefaultTemperatureDriftStep));
        Assert.Contains(first, static v => v != 2100);
    }

    [Fact]
    public void Thermostat_HeatMode_RoomWarmsTowardsTheSetpoint()
    {
        var (harness, driver) = Start(SimulatedKind.Thermostat, parameters: new(Temperature: 1900));
        harness.Write(ClusterIds.Thermostat, new() { [AttributeIds.Thermostat.OccupiedHeatingSetpoint] = 1930L });

        harness.Advance(100);

        Assert.True(driver.ReadAttributes()[new AttributeKey(ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature)].TryGetInt64(out var room));
        Assert.Equal(1930, room);
    }

    [Fact]
    public void DimmableLight_TransitionThroughTheDriver_ReportsProgressAtTicks()
    {
        var (harness, _) = Start(SimulatedKind.DimmableLight);
        harness.Events.Clear();

        harness.Execute(ClusterIds.Level, CommandIds.Level.MoveToLevel, 254L, 20L);
        harness.Advance(1);

        Assert.Equal((AttributeValue)127L, harness.Reports(ClusterIds.Level).Last().Attributes![AttributeIds.Level.CurrentLevel]);
    }
}
