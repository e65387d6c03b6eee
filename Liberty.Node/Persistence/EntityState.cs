namespace Liberty.Node.Persistence;

/// <summary>A <see cref="TaskStoreEntity{TState}"/>'s answer to <see cref="EntityRead"/>.</summary>
/// <param name="State">The state (the entity's <c>TState</c>).</param>
/// <param name="SequenceNr">The highest sequence number the entity has stored (0: it never stored anything).</param>
/// <param name="SkippedEvents">Unreadable events its recovery skipped.</param>
internal sealed record EntityState(object State, long SequenceNr, int SkippedEvents);
