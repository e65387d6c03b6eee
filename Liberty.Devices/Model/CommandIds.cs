namespace Liberty.Devices.Model;

/// <summary>Command ids per cluster, ZCL numbering (the <c>d</c> field of a command event).</summary>
public static class CommandIds
{
    /// <summary>On/Off cluster (0x0006) commands.</summary>
    public static class OnOff
    {
        /// <summary>Off (0x00), no arguments.</summary>
        public const int Off = 0x00;

        /// <summary>On (0x01), no arguments.</summary>
        public const int On = 0x01;

        /// <summary>Toggle (0x02), no arguments.</summary>
        public const int Toggle = 0x02;

        /// <summary>
        /// OnWithTimedOff (0x42): arguments <c>{onOffControl, onTime, offWaitTime}</c> as in ZCL, or Liberty's
        /// <c>{onTime, offWaitTime}</c>; times in tenths of a second.
        /// </summary>
        public const int OnWithTimedOff = 0x42;

        /// <summary>Returns a readable name for display, or the id in hex.</summary>
        /// <param name="command">The command id.</param>
        /// <returns>The display name.</returns>
        public static string GetName(int command) => command switch
        {
            Off => "Off",
            On => "On",
            Toggle => "Toggle",
            OnWithTimedOff => "OnWithTimedOff",
            _ => $"0x{command:X2}",
        };
    }

    /// <summary>Level Control cluster (0x0008) commands.</summary>
    public static class Level
    {
        /// <summary>MoveToLevel (0): <c>{level, transitionTime}</c>, level 0..255, time in tenths of a second (0xFFFF: OnOffTransitionTime).</summary>
        public const int MoveToLevel = 0;

        /// <summary>Move (1): <c>{mode, rate}</c>, mode 0 up / 1 down, rate in level units per second (0xFF: the device's default rate).</summary>
        public const int Move = 1;

        /// <summary>Step (2): <c>{mode, size, transitionTime}</c>, mode 0 up / 1 down, time in tenths of a second.</summary>
        public const int Step = 2;

        /// <summary>Stop (3), no arguments.</summary>
        public const int Stop = 3;

        /// <summary>MoveToLevelWithOnOff (4): as <see cref="MoveToLevel"/>, also switching the device on and off.</summary>
        public const int MoveToLevelWithOnOff = 4;

        /// <summary>MoveWithOnOff (5): as <see cref="Move"/>, also switching the device on and off.</summary>
        public const int MoveWithOnOff = 5;

        /// <summary>StepWithOnOff (6): as <see cref="Step"/>, also switching the device on and off.</summary>
        public const int StepWithOnOff = 6;

        /// <summary>StopWithOnOff (7): as <see cref="Stop"/>.</summary>
        public const int StopWithOnOff = 7;

        /// <summary>Returns a readable name for display, or the id in hex.</summary>
        /// <param name="command">The command id.</param>
        /// <returns>The display name.</returns>
        public static string GetName(int command) => command switch
        {
            MoveToLevel => "MoveToLevel",
            Move => "Move",
            Step => "Step",
            Stop => "Stop",
            MoveToLevelWithOnOff => "MoveToLevelWithOnOff",
            MoveWithOnOff => "MoveWithOnOff",
            StepWithOnOff => "StepWithOnOff",
            StopWithOnOff => "StopWithOnOff",
            _ => $"0x{command:X2}",
        };
    }

    /// <summary>Thermostat cluster (0x0201) commands.</summary>
    public static class Thermostat
    {
        /// <summary>SetpointRaiseLower (0): <c>{mode, amount}</c>, mode 0 heat / 1 cool / 2 both, amount in 0.1 °C (signed).</summary>
        public const int SetpointRaiseLower = 0x00;
    }
}
