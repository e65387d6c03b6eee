namespace Liberty.Node.Lua.Api;

/// <summary>The Lua front end's node log messages (stable event ids 3100–3199).</summary>
internal static partial class LuaTaskLogMessages
{
    [LoggerMessage(EventId = 3101, Message = "Task {TaskId} ({TaskName}) thread {ThreadId}: {Text}")]
    public static partial void TaskLine(this ILogger logger, LogLevel level, long taskId, string taskName, long threadId, string text);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Task {TaskId} ({TaskName}) is in Error: {Reason}")]
    public static partial void TaskFailed(this ILogger logger, long taskId, string taskName, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Task {TaskId} ({TaskName}): an end-of-task cleanup threw")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception, long taskId, string taskName);
}
