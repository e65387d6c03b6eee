namespace Liberty.Node.Persistence;

/// <summary>The persistence layer's log messages (stable event ids 5000–5099).</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Journal write batch of {Count} writes failed; none of them is stored")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Journal write batch of {Count} writes failed before its commit; trying once more on a fresh connection")]
    public static partial void BatchRetried(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Snapshot {SequenceNr} of '{PersistenceId}' (manifest '{Manifest}') is unreadable and skipped for an older one: {Reason}")]
    public static partial void SnapshotUnreadable(this ILogger logger, string persistenceId, long sequenceNr, string manifest, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Recovery of '{PersistenceId}' skipped an unreadable event: {Reason}")]
    public static partial void EventSkipped(this ILogger logger, string persistenceId, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Snapshot of '{PersistenceId}' at {SequenceNr} failed; recovery replays more events until the next one succeeds")]
    public static partial void SnapshotFailed(this ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Journal write of '{PersistenceId}' failed; the node's store refuses further writes until the node restarts and recovers: {Reason}")]
    public static partial void StoreFaulted(this ILogger logger, string persistenceId, string reason);
}
