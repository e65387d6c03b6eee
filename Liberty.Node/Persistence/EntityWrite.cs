namespace Liberty.Node.Persistence;

/// <summary>Command to a <see cref="TaskStoreEntity{TState}"/>: persist <paramref name="Event"/>, then apply it and answer.</summary>
/// <param name="Event">The event (one of <see cref="PersistenceSerializer.Manifests"/>).</param>
/// <param name="Reply">Completed once the event is stored in the journal and applied.</param>
internal sealed record EntityWrite(object Event, PendingReply<bool> Reply);
