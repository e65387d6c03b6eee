using System.Globalization;
using Liberty.Devices.Model;

namespace Liberty.Node.Management;

/// <summary>
/// The names of the standard attributes and their values as people read them, in the attributes' own units and
/// scales (ZCL's, as <see cref="AttributeIds"/> states them): <c>2000</c> of Temperature Measurement reads
/// <c>20.00 °C</c>, <c>true</c> of On/Off reads <c>on</c>, a level <c>200 (78 %)</c>.
/// </summary>
internal static class AttributeFormat
{
    private enum Unit
    {
        Plain,
        OnOff,
        Boolean,
        Level,
        Tenths,
        Centidegrees,
        Decidegrees,
        SystemMode,
        Milliseconds,
    }

    private static readonly Dictionary<(int Cluster, int Attribute), (string Name, Unit Unit)> Known = new()
    {
        [(ClusterIds.OnOff, AttributeIds.OnOff.State)] = ("OnOff", Unit.OnOff),
        [(ClusterIds.OnOff, AttributeIds.OnOff.OnTime)] = ("OnTime", Unit.Tenths),
        [(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime)] = ("OffWaitTime", Unit.Tenths),
        [(ClusterIds.Level, AttributeIds.Level.CurrentLevel)] = ("CurrentLevel", Unit.Level),
        [(ClusterIds.Level, AttributeIds.Level.RemainingTime)] = ("RemainingTime", Unit.Tenths),
        [(ClusterIds.Level, AttributeIds.Level.MinLevel)] = ("MinLevel", Unit.Level),
        [(ClusterIds.Level, AttributeIds.Level.MaxLevel)] = ("MaxLevel", Unit.Level),
        [(ClusterIds.Level, AttributeIds.Level.OnOffTransitionTime)] = ("OnOffTransitionTime", Unit.Tenths),
        [(ClusterIds.MultistateInput, AttributeIds.Multistate.NumberOfStates)] = ("NumberOfStates", Unit.Plain),
        [(ClusterIds.MultistateInput, AttributeIds.Multistate.PresentValue)] = ("PresentValue", Unit.Plain),
        [(ClusterIds.MultistateOutput, AttributeIds.Multistate.NumberOfStates)] = ("NumberOfStates", Unit.Plain),
        [(ClusterIds.MultistateOutput, AttributeIds.Multistate.PresentValue)] = ("PresentValue", Unit.Plain),
        [(ClusterIds.MultistateValue, AttributeIds.Multistate.NumberOfStates)] = ("NumberOfStates", Unit.Plain),
        [(ClusterIds.MultistateValue, AttributeIds.Multistate.PresentValue)] = ("PresentValue", Unit.Plain),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature)] = ("LocalTemperature", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedCoolingSetpoint)] = ("OccupiedCoolingSetpoint", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint)] = ("OccupiedHeatingSetpoint", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.MinHeatSetpointLimit)] = ("MinHeatSetpointLimit", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.MaxHeatSetpointLimit)] = ("MaxHeatSetpointLimit", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.MinCoolSetpointLimit)] = ("MinCoolSetpointLimit", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.MaxCoolSetpointLimit)] = ("MaxCoolSetpointLimit", Unit.Centidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.MinSetpointDeadBand)] = ("MinSetpointDeadBand", Unit.Decidegrees),
        [(ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode)] = ("SystemMode", Unit.SystemMode),
        [(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue)] = ("MeasuredValue", Unit.Centidegrees),
        [(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MinMeasuredValue)] = ("MinMeasuredValue", Unit.Centidegrees),
        [(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MaxMeasuredValue)] = ("MaxMeasuredValue", Unit.Centidegrees),
        [(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.Tolerance)] = ("Tolerance", Unit.Centidegrees),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.Min)] = ("Min", Unit.Level),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.Max)] = ("Max", Unit.Level),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepOnly)] = ("StepOnly", Unit.Boolean),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepSingle)] = ("StepSingle", Unit.Plain),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepRepeat)] = ("StepRepeat", Unit.Plain),
        [(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepIntervalMs)] = ("StepIntervalMs", Unit.Milliseconds),
    };

    /// <summary>The attribute's name (<c>MeasuredValue</c>), or null for one Liberty does not know.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="attribute">The attribute.</param>
    /// <returns>The name or null.</returns>
    public static string? Name(int cluster, int attribute) => Known.TryGetValue((cluster, attribute), out var known) ? known.Name : null;

    /// <summary>The value as people read it, with its unit and scale; an unknown attribute's value as it is.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="attribute">The attribute.</param>
    /// <param name="value">The raw value.</param>
    /// <returns>The text, e.g. <c>20.00 °C</c>, <c>on</c>, <c>200 (78 %)</c>, <c>1.5 s</c>, <c>heat</c>.</returns>
    public static string Display(int cluster, int attribute, AttributeValue value)
    {
        if (!Known.TryGetValue((cluster, attribute), out var known) || value.IsNull)
        {
            return Raw(value);
        }
        var inv = CultureInfo.InvariantCulture;
        return known.Unit switch
        {
            Unit.OnOff when value.TryGetBoolean(out var on) => on ? "on" : "off",
            Unit.Boolean when value.TryGetBoolean(out var flag) => flag ? "yes" : "no",
            Unit.Level when value.TryGetInt64(out var level) => string.Create(inv, $"{level} ({Math.Round(level * 100.0 / 255):0} %)"),
            Unit.Tenths when value.TryGetDouble(out var tenths) => string.Create(inv, $"{tenths / 10:0.0} s"),
            Unit.Centidegrees when value.TryGetDouble(out var centi) => string.Create(inv, $"{centi / 100:0.00} °C"),
            Unit.Decidegrees when value.TryGetDouble(out var deci) => string.Create(inv, $"{deci / 10:0.0} °C"),
            Unit.Milliseconds when value.TryGetInt64(out var ms) => string.Create(inv, $"{ms} ms"),
            Unit.SystemMode when value.TryGetInt64(out var mode) => mode switch
            {
                0 => "off",
                1 => "auto",
                3 => "cool",
                4 => "heat",
                5 => "emergency heat",
                6 => "precooling",
                7 => "fan only",
                8 => "dry",
                9 => "sleep",
                _ => string.Create(inv, $"mode {mode}"),
            },
            _ => Raw(value),
        };
    }

    private static string Raw(AttributeValue value) => value.IsNull ? "-" : value.TryGetString(out var text) ? text : value.ToString();
}
