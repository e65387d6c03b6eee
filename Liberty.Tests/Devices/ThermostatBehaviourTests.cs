using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public sealed class ThermostatBehaviourTests : IDisposable
{
    private const int Thermostat = ClusterIds.Thermostat;
    private readonly ClusterHarness _device;

    public ThermostatBehaviourTests()
    {
        var set = new ClusterSet();
        set.Add(new ThermostatBehaviour(set.Table));
        _device = new ClusterHarness(set);
    }

    public void Dispose() => _device.Dispose();

    private long Heat => _device.Int(Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint);

    private long Cool => _device.Int(Thermostat, AttributeIds.Thermostat.OccupiedCoolingSetpoint);

    [Fact]
    public void Write_AppApiExample_SetsAllThreeInOneReport()
    {
        var result = _device.Write(Thermostat, new() { [0x1C] = 1L, [0x11] = 2600.0, [0x12] = 2000L });

        Assert.True(result.IsSuccess);
        Assert.Equal(1, _device.Int(Thermostat, AttributeIds.Thermostat.SystemMode));
        Assert.Equal(2600, Cool);
        Assert.Equal(AttributeValueKind.WholeNumber, _device.Set.Table.Get(Thermostat, 0x11).Kind);
        var report = Assert.Single(_device.Reports);
        Assert.Equal([0x1C], report.Affected!.Keys);
    }

    [Fact]
    public void Write_SetpointOutsideLimits_RefusedAndNothingChanges()
    {
        var result = _device.Write(Thermostat, new() { [0x1C] = 3L, [0x12] = 3100L });

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.Contains("700..3000", result.Message, StringComparison.Ordinal);
        Assert.Equal(4, _device.Int(Thermostat, AttributeIds.Thermostat.SystemMode));
        Assert.Empty(_device.Reports);
    }

    [Fact]
    public void Write_HeatingInsideDeadBand_Refused()
    {
        var result = _device.Write(Thermostat, new() { [0x12] = 2400L });

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.Contains("dead band", result.Message, StringComparison.Ordinal);
        Assert.Equal(2000, Heat);
    }

    [Fact]
    public void Write_BothSetpointsMovedTogether_CheckedAgainstTheNewPair()
    {
        Assert.True(_device.Write(Thermostat, new() { [0x12] = 2700L, [0x11] = 3000L }).IsSuccess);
        Assert.Equal(2700, Heat);
    }

    [Fact]
    public void Write_UndefinedSystemMode_Refused() =>
        Assert.Equal(CommandStatus.InvalidArgument, _device.Write(Thermostat, new() { [0x1C] = 2L }).Status);

    [Fact]
    public void Write_LocalTemperature_ReadOnly() =>
        Assert.Equal(CommandStatus.ReadOnly, _device.Write(Thermostat, new() { [0x00] = 2100L }).Status);

    [Fact]
    public void SetpointRaiseLower_Both_MovesByTenthsOfADegree()
    {
        Assert.True(_device.Execute(Thermostat, CommandIds.Thermostat.SetpointRaiseLower, 2L, -5L).IsSuccess);

        Assert.Equal(1950, Heat);
        Assert.Equal(2550, Cool);
    }

    [Fact]
    public void SetpointRaiseLower_PastLimit_RefusedNamingTheCommand()
    {
        var result = _device.Execute(Thermostat, CommandIds.Thermostat.SetpointRaiseLower, 1L, 100L);

        Assert.Equal(CommandStatus.InvalidArgument, result.Status);
        Assert.StartsWith("SetpointRaiseLower", result.Message, StringComparison.Ordinal);
    }
}
