namespace Liberty.Node.Persistence;

/// <summary>An entity's state as the previous version's journal held it (<see cref="LegacyJournal"/>).</summary>
/// <typeparam name="TState">The state.</typeparam>
/// <param name="State">The state: the latest readable snapshot plus every later readable event.</param>
/// <param name="SnapshotSequenceNr">The snapshot it started from (0: none).</param>
/// <param name="Events">The events applied after it.</param>
internal sealed record LegacyState<TState>(TState State, long SnapshotSequenceNr, int Events);
