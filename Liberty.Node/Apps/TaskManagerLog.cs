namespace Liberty.Node.Apps;

/// <summary>The task manager's log messages (stable event ids 3200–3299).</summary>
internal static partial class TaskManagerLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "App {App} version {Version} deployed")]
    public static partial void AppDeployed(this ILogger logger, string app, int version);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "App {App} removed")]
    public static partial void AppRemoved(this ILogger logger, string app);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Task {TaskId} ({TaskName}) started: {App} v{Version} {Function}")]
    public static partial void TaskStarted(this ILogger logger, long taskId, string taskName, string app, int version, string function);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Task {TaskId} ({TaskName}) ended: {State}")]
    public static partial void TaskRunEnded(this ILogger logger, long taskId, string taskName, Liberty.Node.Engine.TaskState state);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Task {TaskId} ({TaskName}) could not be restarted: {Reason}")]
    public static partial void RestartFailed(this ILogger logger, long taskId, string taskName, string reason);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Error, Message = "Task {TaskId}: the cleanup of its arguments (virtual devices) failed")]
    public static partial void ArgumentCleanupFailed(this ILogger logger, Exception exception, long taskId);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Error, Message = "Task {TaskId}: storing its end state failed")]
    public static partial void SaveFailed(this ILogger logger, Exception exception, long taskId);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "Task {TaskId} ({TaskName}) held: the node was started with --safe (task resume starts it)")]
    public static partial void TaskHeld(this ILogger logger, long taskId, string taskName);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Warning, Message = "Task {TaskId} ({TaskName}) deleted by force: its threads were ended without running more of their code")]
    public static partial void TaskDeletedByForce(this ILogger logger, long taskId, string taskName);
}
