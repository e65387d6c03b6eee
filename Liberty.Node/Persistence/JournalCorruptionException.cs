namespace Liberty.Node.Persistence;

/// <summary>
/// A stored event could not be read back: its payload is torn or does not fit its manifest (or the
/// manifest is unknown to this build). The message names the entity, the sequence number and why.
/// </summary>
public sealed class JournalCorruptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="persistenceId">The entity whose event is unreadable.</param>
    /// <param name="sequenceNr">The unreadable event's sequence number.</param>
    /// <param name="manifest">The manifest stored with it.</param>
    /// <param name="reason">Why it could not be read.</param>
    public JournalCorruptionException(string persistenceId, long sequenceNr, string manifest, string reason)
        : base($"Journal event {sequenceNr} of '{persistenceId}' (manifest '{manifest}') is unreadable: {reason}")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
    }

    /// <summary>Creates the exception (for serializers; prefer the detailed constructor).</summary>
    public JournalCorruptionException()
    {
        PersistenceId = string.Empty;
        Manifest = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JournalCorruptionException(string message)
        : base(message)
    {
        PersistenceId = string.Empty;
        Manifest = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JournalCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        PersistenceId = string.Empty;
        Manifest = string.Empty;
    }

    /// <summary>The entity whose event is unreadable (empty when not known).</summary>
    public string PersistenceId { get; }

    /// <summary>The unreadable event's sequence number (0 when not known).</summary>
    public long SequenceNr { get; }

    /// <summary>The manifest stored with the event (empty when not known).</summary>
    public string Manifest { get; }
}
