namespace Liberty.Devices.Drivers;

/// <summary>Faults a simulated device can be told to have, so liveness and error paths can be exercised.</summary>
[Flags]
internal enum SimulatedFaults
{
    /// <summary>Healthy.</summary>
    None = 0,

    /// <summary>Answers nothing: liveness checks fail (ok=false at the next one), pending commands time out, sensors stop sampling.</summary>
    NotAnswering = 1,

    /// <summary>Answers late: every command takes the injected extra latency on top of the configured one.</summary>
    Late = 2,

    /// <summary>Answers, but every command and write fails with <see cref="Model.CommandStatus.Failed"/>.</summary>
    FailCommands = 4,
}
