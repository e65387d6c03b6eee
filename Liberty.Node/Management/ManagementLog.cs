
namespace Liberty.Node.Management;

/// <summary>Log messages of the management API (event ids 6100–6199).</summary>
internal static partial class ManagementLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Error, Message = "Management API: {Method} {Path} failed with an unexpected error; answered 500")]
    public static partial void Unexpected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Management API: {Method} {Path} refused with a bad or missing token")]
    public static partial void Unauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Management API: app {App} deployed, version {Version}")]
    public static partial void AppDeployed(ILogger logger, string app, int version);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Management API: device {Device} commanded: cluster {Cluster} command {Command} -> {Status}")]
    public static partial void DeviceCommanded(ILogger logger, string device, int cluster, int command, string status);
}
