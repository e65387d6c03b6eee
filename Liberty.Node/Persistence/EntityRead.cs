namespace Liberty.Node.Persistence;

/// <summary>Command to a <see cref="TaskStoreEntity{TState}"/>: answer its state once every write told before is applied.</summary>
/// <param name="Reply">Completed with the state.</param>
internal sealed record EntityRead(PendingReply<EntityState> Reply);
