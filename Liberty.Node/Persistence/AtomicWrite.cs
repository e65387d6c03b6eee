namespace Liberty.Node.Persistence;

/// <summary>
/// Events of one persistence id that are stored all together or not at all, numbered from
/// <paramref name="FirstSequenceNr"/> upwards without gaps.
/// </summary>
/// <param name="PersistenceId">The entity the events belong to.</param>
/// <param name="FirstSequenceNr">The sequence number of the first event: the entity's highest stored number + 1, or the write is a conflict.</param>
/// <param name="Events">The events (at least one), each of a type registered with the <see cref="PayloadSerializer"/>.</param>
/// <param name="Tags">Optional tags stored with every event (free text, e.g. "task"); null for none.</param>
internal sealed record AtomicWrite(string PersistenceId, long FirstSequenceNr, IReadOnlyList<object> Events, string? Tags = null)
{
    /// <summary>The sequence number of the last event.</summary>
    public long LastSequenceNr => FirstSequenceNr + Events.Count - 1;
}
