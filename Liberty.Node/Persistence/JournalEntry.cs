namespace Liberty.Node.Persistence;

/// <summary>One stored event, as read back.</summary>
/// <param name="Ordering">The store-wide insertion order (the journal's <c>ordering</c> column).</param>
/// <param name="PersistenceId">The entity.</param>
/// <param name="SequenceNr">Its number within the entity (1, 2, 3, ...).</param>
/// <param name="Created">When it was stored (the store's <see cref="TimeProvider"/>, millisecond precision).</param>
/// <param name="Manifest">The payload's manifest.</param>
/// <param name="Payload">The event, deserialized.</param>
/// <param name="Tags">The tags it was written with, or null.</param>
internal sealed record JournalEntry(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    DateTimeOffset Created,
    string Manifest,
    object Payload,
    string? Tags);
