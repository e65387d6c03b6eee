namespace Liberty.Devices.Model;

/// <summary>
/// Attribute ids per cluster, ZCL numbering (the keys of an event's <c>v</c> and <c>a</c> maps).
/// Units are the ZCL ones and are stated on each constant.
/// </summary>
public static class AttributeIds
{
    /// <summary>On/Off cluster (0x0006) attributes.</summary>
    public static class OnOff
    {
        /// <summary>OnOff (0x0000), named State here because C# forbids a member named like its class: boolean, true when on.</summary>
        public const int State = 0x0000;

        /// <summary>OnTime (0x4001): tenths of a second left before an OnWithTimedOff turns the device off; 0 when none.</summary>
        public const int OnTime = 0x4001;

        /// <summary>OffWaitTime (0x4002): tenths of a second during which a timed-off device ignores OnWithTimedOff.</summary>
        public const int OffWaitTime = 0x4002;
    }

    /// <summary>Level Control cluster (0x0008) attributes.</summary>
    public static class Level
    {
        /// <summary>CurrentLevel (0x0000): 0..255 on Liberty's scale (see the README, "Level range").</summary>
        public const int CurrentLevel = 0x0000;

        /// <summary>RemainingTime (0x0001): tenths of a second until the running transition ends; 0 when idle.</summary>
        public const int RemainingTime = 0x0001;

        /// <summary>MinLevel (0x0002): the lowest level a level command moves to while the device stays on.</summary>
        public const int MinLevel = 0x0002;

        /// <summary>MaxLevel (0x0003): the highest level.</summary>
        public const int MaxLevel = 0x0003;

        /// <summary>OnOffTransitionTime (0x0010): tenths of a second an On/Off command takes to move the level; writable.</summary>
        public const int OnOffTransitionTime = 0x0010;
    }

    /// <summary>Multistate clusters (0x0012–0x0014) attributes.</summary>
    public static class Multistate
    {
        /// <summary>NumberOfStates (0x004A): the states are 1..NumberOfStates.</summary>
        public const int NumberOfStates = 0x004A;

        /// <summary>PresentValue (0x0055): the current state, 1..NumberOfStates.</summary>
        public const int PresentValue = 0x0055;
    }

    /// <summary>Thermostat cluster (0x0201) attributes.</summary>
    public static class Thermostat
    {
        /// <summary>LocalTemperature (0x0000): 0.01 °C.</summary>
        public const int LocalTemperature = 0x0000;

        /// <summary>OccupiedCoolingSetpoint (0x0011): 0.01 °C; writable.</summary>
        public const int OccupiedCoolingSetpoint = 0x0011;

        /// <summary>OccupiedHeatingSetpoint (0x0012): 0.01 °C; writable.</summary>
        public const int OccupiedHeatingSetpoint = 0x0012;

        /// <summary>MinHeatSetpointLimit (0x0015): 0.01 °C.</summary>
        public const int MinHeatSetpointLimit = 0x0015;

        /// <summary>MaxHeatSetpointLimit (0x0016): 0.01 °C.</summary>
        public const int MaxHeatSetpointLimit = 0x0016;

        /// <summary>MinCoolSetpointLimit (0x0017): 0.01 °C.</summary>
        public const int MinCoolSetpointLimit = 0x0017;

        /// <summary>MaxCoolSetpointLimit (0x0018): 0.01 °C.</summary>
        public const int MaxCoolSetpointLimit = 0x0018;

        /// <summary>MinSetpointDeadBand (0x0019): 0.1 °C (ZCL's unit for this one attribute); heating ≤ cooling − dead band.</summary>
        public const int MinSetpointDeadBand = 0x0019;

        /// <summary>SystemMode (0x001C): 0 off, 1 auto, 3 cool, 4 heat, 5 emergency heat, 7 fan only, 8 dry, 9 sleep; writable.</summary>
        public const int SystemMode = 0x001C;
    }

    /// <summary>Temperature Measurement cluster (0x0402) attributes.</summary>
    public static class TemperatureMeasurement
    {
        /// <summary>MeasuredValue (0x0000): 0.01 °C.</summary>
        public const int MeasuredValue = 0x0000;

        /// <summary>MinMeasuredValue (0x0001): 0.01 °C.</summary>
        public const int MinMeasuredValue = 0x0001;

        /// <summary>MaxMeasuredValue (0x0002): 0.01 °C.</summary>
        public const int MaxMeasuredValue = 0x0002;

        /// <summary>Tolerance (0x0003): 0.01 °C.</summary>
        public const int Tolerance = 0x0003;
    }

    /// <summary>Libertas level-config cluster (0xFC02) attributes, set by <c>Libre_VirtualDeviceLevelConfigExtra</c>.</summary>
    public static class LevelConfig
    {
        /// <summary>Min (0): lowest level a control offers, 0..255.</summary>
        public const int Min = 0;

        /// <summary>Max (1): highest level a control offers, 0..255, at least Min.</summary>
        public const int Max = 1;

        /// <summary>StepOnly (2): boolean, controls step instead of moving continuously.</summary>
        public const int StepOnly = 2;

        /// <summary>StepSingle (3): level units of one press, 1..255.</summary>
        public const int StepSingle = 3;

        /// <summary>StepRepeat (4): level units per repeat while a control is held, 1..255.</summary>
        public const int StepRepeat = 4;

        /// <summary>StepIntervalMs (5): milliseconds between repeats while held, 1..65535.</summary>
        public const int StepIntervalMs = 5;
    }
}
