namespace Liberty.Node.Engine;

/// <summary>The engine's log messages (stable event ids 3000–3099).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Thread {ThreadId} of task {TaskId} ({TaskName}) failed; the task is in Error")]
    public static partial void ThreadFailed(this ILogger logger, Exception exception, int threadId, long taskId, string taskName);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Event queue of thread {ThreadId} (task {TaskId}) is full: event {EventNumber} from thread {FromThreadId} refused ({Count} refused so far)")]
    public static partial void QueueFull(this ILogger logger, int threadId, long taskId, int eventNumber, int fromThreadId, long count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Task {TaskId} ({TaskName}): {Reason}")]
    public static partial void WatchdogKilled(this ILogger logger, long taskId, string taskName, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Task {TaskId} ({TaskName}) is {State}")]
    public static partial void TaskEnded(this ILogger logger, long taskId, string taskName, TaskState state);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "A stop callback of thread {ThreadId} threw")]
    public static partial void StopCallbackFailed(this ILogger logger, Exception exception, int threadId);
}
