using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// Thermostat cluster (0x0201): setpoints in 0.01 °C within their limits, the dead band between them, SystemMode,
/// SetpointRaiseLower, and LocalTemperature as the device measures it.
/// </summary>
/// <remarks>
/// A write is checked as a whole against the values it leaves behind: each setpoint within its min/max limits, and
/// heating ≤ cooling − MinSetpointDeadBand (0.1 °C units, as ZCL). A refused write changes nothing, where ZCL would
/// sometimes push the other setpoint: apps get a clear refusal instead of a surprise.
/// </remarks>
internal sealed class ThermostatBehaviour : ClusterBehaviour
{
    /// <summary>The SystemMode values ZCL defines (0 off, 1 auto, 3 cool, 4 heat, 5 emergency heat, 6 precooling, 7 fan only, 8 dry, 9 sleep).</summary>
    private static readonly int[] SystemModes = [0, 1, 3, 4, 5, 6, 7, 8, 9];

    public ThermostatBehaviour(AttributeTable table, int localTemperature = 2000, int heatingSetpoint = 2000, int coolingSetpoint = 2600)
        : base(ClusterIds.Thermostat, table)
    {
        table.Set(ClusterId, AttributeIds.Thermostat.LocalTemperature, (long)localTemperature, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.OccupiedCoolingSetpoint, (long)coolingSetpoint, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.OccupiedHeatingSetpoint, (long)heatingSetpoint, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.MinHeatSetpointLimit, 700L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.MaxHeatSetpointLimit, 3000L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.MinCoolSetpointLimit, 1600L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.MaxCoolSetpointLimit, 3200L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.MinSetpointDeadBand, 25L, EventSource.Report);
        table.Set(ClusterId, AttributeIds.Thermostat.SystemMode, 4L, EventSource.Report);
    }

    /// <summary>The active target in 0.01 °C for <see cref="SystemMode"/>: heating for heat/auto/emergency, cooling for cool/precooling; null when the mode drives no temperature.</summary>
    public int? ActiveSetpoint => SystemMode switch
    {
        1 or 4 or 5 => Get(AttributeIds.Thermostat.OccupiedHeatingSetpoint),
        3 or 6 => Get(AttributeIds.Thermostat.OccupiedCoolingSetpoint),
        _ => null,
    };

    /// <summary>The SystemMode attribute.</summary>
    public int SystemMode => Get(AttributeIds.Thermostat.SystemMode);

    /// <summary>The LocalTemperature attribute in 0.01 °C.</summary>
    public int LocalTemperature => Get(AttributeIds.Thermostat.LocalTemperature);

    /// <summary>Sets LocalTemperature (the device measured it).</summary>
    public void SetLocalTemperature(int value, EventSource source) =>
        Table.Set(ClusterId, AttributeIds.Thermostat.LocalTemperature, (long)value, source);

    public override CommandResult Execute(int command, IReadOnlyList<AttributeValue> arguments, EventSource source, DateTimeOffset now)
    {
        if (command != CommandIds.Thermostat.SetpointRaiseLower)
        {
            return base.Execute(command, arguments, source, now);
        }
        const string Name = "SetpointRaiseLower";
        if (CommandArguments.TryGet(arguments, 0, Name, "mode (0 heat, 1 cool, 2 both)", 0, 2, out var mode) is { } badMode)
        {
            return badMode;
        }
        if (CommandArguments.TryGet(arguments, 1, Name, "amount (0.1 °C)", sbyte.MinValue, sbyte.MaxValue, out var amount) is { } badAmount)
        {
            return badAmount;
        }
        var write = new Dictionary<int, AttributeValue>();
        if (mode is 0 or 2)
        {
            write[AttributeIds.Thermostat.OccupiedHeatingSetpoint] = (long)Get(AttributeIds.Thermostat.OccupiedHeatingSetpoint) + (amount * 10);
        }
        if (mode is 1 or 2)
        {
            write[AttributeIds.Thermostat.OccupiedCoolingSetpoint] = (long)Get(AttributeIds.Thermostat.OccupiedCoolingSetpoint) + (amount * 10);
        }
        var result = Write(write, source, now);
        return result.IsSuccess ? result : result with { Message = Name + ": " + result.Message };
    }

    protected override CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all)
    {
        switch (attribute)
        {
            case AttributeIds.Thermostat.SystemMode:
                return value.TryGetInt64(out var mode) && Array.IndexOf(SystemModes, (int)mode) >= 0 && mode == (int)mode
                    ? null
                    : CommandResult.Fail(CommandStatus.InvalidArgument, $"Thermostat SystemMode (0x001C) must be one of {string.Join(", ", SystemModes)}, not {value}.");
            case AttributeIds.Thermostat.OccupiedHeatingSetpoint:
            case AttributeIds.Thermostat.OccupiedCoolingSetpoint:
                var heating = attribute == AttributeIds.Thermostat.OccupiedHeatingSetpoint;
                var (minId, maxId) = heating
                    ? (AttributeIds.Thermostat.MinHeatSetpointLimit, AttributeIds.Thermostat.MaxHeatSetpointLimit)
                    : (AttributeIds.Thermostat.MinCoolSetpointLimit, AttributeIds.Thermostat.MaxCoolSetpointLimit);
                if (CheckRange(attribute, value, Get(minId), Get(maxId)) is { } outOfRange)
                {
                    return outOfRange with { Message = $"Thermostat {(heating ? "heating" : "cooling")} setpoint (0x{attribute:X4}, 0.01 °C) must be in {Get(minId)}..{Get(maxId)}, not {value}." };
                }
                var heat = After(AttributeIds.Thermostat.OccupiedHeatingSetpoint, all);
                var cool = After(AttributeIds.Thermostat.OccupiedCoolingSetpoint, all);
                var deadBand = Get(AttributeIds.Thermostat.MinSetpointDeadBand) * 10;
                return heat <= cool - deadBand
                    ? null
                    : CommandResult.Fail(CommandStatus.InvalidArgument, $"Thermostat heating setpoint {heat} must be at least the dead band {deadBand} below the cooling setpoint {cool} (0.01 °C).");
            default:
                return base.CheckWrite(attribute, value, all);
        }
    }

    private long After(int attribute, IReadOnlyDictionary<int, AttributeValue> write) =>
        write.TryGetValue(attribute, out var value) && value.TryGetInt64(out var v) ? v : Get(attribute);

    private int Get(int attribute) => (int)Table.GetInt64(ClusterId, attribute);
}
