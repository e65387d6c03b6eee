using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers;

/// <summary>
/// Log messages of the device layer, event ids 2100–2199 (stable: operators filter on them). Warnings about a device
/// are logged when its state changes, not on every poll, so a broken device cannot flood the log.
/// </summary>
internal static partial class DeviceLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Device {Device} ({Driver}) started; ok={Ok}")]
    public static partial void Started(ILogger logger, string device, string driver, bool ok);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Device {Device} is reachable again: {Reason}")]
    public static partial void Up(ILogger logger, string device, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Device {Device} is unreachable (ok=false): {Reason}")]
    public static partial void Down(ILogger logger, string device, string reason);

    /// <summary>A driver's liveness verdict changed: <see cref="Up"/> or <see cref="Down"/>.</summary>
    public static void LivenessChanged(ILogger logger, string device, bool ok, string reason)
    {
        if (ok)
        {
            Up(logger, device, reason);
        }
        else
        {
            Down(logger, device, reason);
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Simulated device {Device}: faults now {Faults}, extra latency {ExtraLatency}")]
    public static partial void FaultsInjected(ILogger logger, string device, SimulatedFaults faults, TimeSpan extraLatency);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Debug, Message = "Simulated device {Device}: command {CorrelationId} timed out after {Timeout}")]
    public static partial void CommandTimedOut(ILogger logger, string device, long correlationId, TimeSpan timeout);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Sysfs device {Device}: cannot write {Path}: {Error}")]
    public static partial void SysfsWriteFailed(ILogger logger, string device, string path, string error);
}
