namespace Liberty.Node.Persistence;

/// <summary>A snapshot as loaded back.</summary>
/// <param name="PersistenceId">The entity.</param>
/// <param name="SequenceNr">The sequence number of the last event the snapshot contains.</param>
/// <param name="Created">When it was saved.</param>
/// <param name="State">The state, deserialized.</param>
internal sealed record SelectedSnapshot(string PersistenceId, long SequenceNr, DateTimeOffset Created, object State);
