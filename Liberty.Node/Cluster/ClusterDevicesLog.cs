namespace Liberty.Node.Cluster;

/// <summary>Log messages of devices across the cluster (event ids 2400–2499).</summary>
internal static partial class ClusterDevicesLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Devices across the cluster started on node {Node}: {Local} local devices published")]
    public static partial void Started(ILogger logger, string node, int local);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Fleet directory: device {Device} of node {Node} ignored: {Reason}")]
    public static partial void RecordRefused(ILogger logger, string device, string node, string reason);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Node {Node} is unreachable: its {Devices} devices are not ok, {Requests} requests to it failed")]
    public static partial void NodeUnreachable(ILogger logger, string node, int devices, int requests);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Node {Node} left the cluster: its {Devices} devices are shown not ok until it returns")]
    public static partial void NodeLeft(ILogger logger, string node, int devices);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Information, Message = "Node {Node} is reachable ({Address}): fetching fresh state of {Watched} watched devices")]
    public static partial void NodeAvailable(ILogger logger, string node, Akka.Actor.Address address, int watched);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "Fleet directory write failed: {Error}")]
    public static partial void DirectoryWriteFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Debug, Message = "Command {Sequence} from node {Node} to device {Device} seen again: answered with its first outcome, not executed again")]
    public static partial void RepeatedCommand(ILogger logger, string node, long sequence, long device);
}
