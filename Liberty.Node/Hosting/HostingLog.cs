
namespace Liberty.Node.Hosting;

/// <summary>Log messages of the node's hosting (event ids 6000–6099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Node {Node} started in {DataFolder}: API on {Url}, {Devices} devices")]
    public static partial void Started(ILogger logger, string node, string dataFolder, string url, int devices);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Node {Node} stopping")]
    public static partial void Stopping(ILogger logger, string node);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Node {Node} stopped")]
    public static partial void Stopped(ILogger logger, string node);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Admin token created in {Path} (mode 0600)")]
    public static partial void TokenCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Sample app {App} deployed from {File}")]
    public static partial void SampleDeployed(ILogger logger, string app, string file);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Sample app {File} not deployed: {Error}")]
    public static partial void SampleRefused(ILogger logger, string file, string error);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Shutdown step {Step} failed")]
    public static partial void ShutdownStepFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Last-known attributes of device {Device} not saved")]
    public static partial void DeviceStateNotSaved(ILogger logger, string device, Exception exception);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Restored the last-known attributes of {Devices} devices (marked not heard until they report)")]
    public static partial void DeviceStatesRestored(ILogger logger, int devices);
}
