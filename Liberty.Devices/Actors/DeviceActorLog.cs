using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Actors;

/// <summary>Log messages of device actors and the registry (event ids 2200–2299).</summary>
internal static partial class DeviceActorLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Device {Device} is now {State}: {Reason}")]
    private static partial void LivenessChangedCore(ILogger logger, string device, string state, string reason);

    public static void LivenessChanged(ILogger logger, string device, bool ok, string reason) =>
        LivenessChangedCore(logger, device, ok ? "reachable" : "unreachable", reason);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Device {Device} stopped answering: a command got no answer within {Seconds} s")]
    public static partial void StoppedAnswering(ILogger logger, string device, double seconds);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Virtual device {Device}: its watcher's queue is full, a control event was dropped")]
    public static partial void WatcherFull(ILogger logger, string device);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error, Message = "Device declaration refused: {Error}")]
    public static partial void DeclarationRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Device {Device} (id {Id}) created with driver {Driver}")]
    public static partial void Created(ILogger logger, string device, long id, string driver);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Device {Device} removed")]
    public static partial void Removed(ILogger logger, string device);
}
