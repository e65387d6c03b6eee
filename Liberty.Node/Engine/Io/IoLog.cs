namespace Liberty.Node.Engine.Io;

/// <summary>Log messages of task I/O (stable event ids 3300–3399).</summary>
internal static partial class IoLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Task {TaskId} ({TaskName}), {Handle}: {Reason}")]
    public static partial void DestinationRefused(this ILogger logger, long taskId, string taskName, IoHandle handle, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "Task {TaskId} ({TaskName}), {Handle}: {Reason}")]
    public static partial void HandleFailed(this ILogger logger, long taskId, string taskName, IoHandle handle, string reason);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Debug, Message = "Task {TaskId} ({TaskName}) ended: closed {Count} I/O handles")]
    public static partial void HandlesClosed(this ILogger logger, long taskId, string taskName, int count);
}
