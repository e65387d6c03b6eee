namespace Liberty.Node.Persistence;

/// <summary>The persistence layer's log messages (stable event ids 5000–5099).</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Recovery of '{PersistenceId}' failed; the node's store of it is stopped")]
    public static partial void RecoveryFailed(this ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Recovery of '{PersistenceId}' skipped the unreadable event {SequenceNr} (manifest '{Manifest}'): {Reason}")]
    public static partial void EventSkipped(this ILogger logger, string persistenceId, long sequenceNr, string manifest, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Snapshot of '{PersistenceId}' at {SequenceNr} failed; recovery replays more events until the next one succeeds")]
    public static partial void SnapshotFailed(this ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Journal write of '{PersistenceId}' (event {SequenceNr}) failed; the node's store of it refuses further writes until the node restarts and recovers")]
    public static partial void StoreFaulted(this ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "The journal rejected event {SequenceNr} of '{PersistenceId}'; that change is not stored")]
    public static partial void WriteRejected(this ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Deleting the {What} of '{PersistenceId}' up to {SequenceNr} after a snapshot failed; they stay and are deleted after the next snapshot")]
    public static partial void DeleteFailed(this ILogger logger, Exception exception, string persistenceId, string what, long sequenceNr);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Imported '{PersistenceId}' from the previous version's journal ({Location}): snapshot {SnapshotSequenceNr} and {Events} later events; the old tables are left as they were and are no longer read")]
    public static partial void LegacyImported(this ILogger logger, string persistenceId, string location, long snapshotSequenceNr, int events);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "The previous version's snapshot {SequenceNr} of '{PersistenceId}' is unreadable and an older one is used: {Reason}")]
    public static partial void LegacySnapshotUnreadable(this ILogger logger, string persistenceId, long sequenceNr, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "The node's store of '{PersistenceId}' did not stop within {Timeout}")]
    public static partial void StopTimedOut(this ILogger logger, string persistenceId, TimeSpan timeout);
}
