using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>What the On/Off cluster switches: the OnOff attribute alone, or a level device (level memory, transitions).</summary>
internal interface IOnOffTarget
{
    /// <summary>Whether the device is on, or will be at the end of the running transition.</summary>
    bool IsOn { get; }

    /// <summary>Switches on (a level device restores its on-level).</summary>
    void TurnOn(EventSource source, DateTimeOffset now);

    /// <summary>Switches off (a level device moves to 0).</summary>
    void TurnOff(EventSource source, DateTimeOffset now);
}
