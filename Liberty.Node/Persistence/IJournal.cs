namespace Liberty.Node.Persistence;

/// <summary>
/// An event journal shaped like Akka.Persistence.Sql's: per persistence id a gap-free sequence of
/// events numbered from 1, appended atomically in batches and read back in order.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread; all members are thread-safe.</para>
/// <para><b>Cancellation:</b> writes take no token: once called, a write is either stored and reported
/// stored, or reported failed (faulted task) and not stored. Reads honour their token.</para>
/// <para><b>Ordering:</b> writes (appends and deletes) are executed in the order of the calls, also when
/// the caller does not await one before making the next; concurrent writes may share one transaction
/// (a faulted batch fails every write in it), but never merge: each <see cref="AtomicWrite"/> is
/// checked and reported on its own.</para>
/// </remarks>
internal interface IJournal
{
    /// <summary>
    /// Stores the events of <paramref name="write"/> atomically if its first sequence number is the entity's
    /// highest stored number + 1. The payloads are serialized before this method returns.
    /// </summary>
    /// <param name="write">The events.</param>
    /// <returns>
    /// <see cref="AppendStatus.Stored"/> once the events are durable; <see cref="AppendStatus.Conflict"/>
    /// (nothing stored) when the sequence numbers do not follow the stored ones. A faulted task means
    /// the store failed (I/O, connection): nothing of this write is stored.
    /// </returns>
    /// <exception cref="ArgumentException">The write has no events, a sequence number below 1, or an event of an unregistered type (thrown synchronously).</exception>
    /// <exception cref="ObjectDisposedException">The journal is disposed.</exception>
    Task<AppendResult> AppendAsync(AtomicWrite write);

    /// <summary>Reads the events of <paramref name="persistenceId"/> numbered <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/> (inclusive), in order.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="fromSequenceNr">The first number wanted.</param>
    /// <param name="toSequenceNr">The last number wanted (<see cref="long.MaxValue"/> for all).</param>
    /// <param name="max">At most this many events.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored events in the range (deleted ones are absent), by ascending sequence number.</returns>
    /// <exception cref="JournalCorruptionException">An event in the range cannot be deserialized; the exception names it (read again from its number + 1 to skip it).</exception>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever stored for <paramref name="persistenceId"/> (it survives <see cref="DeleteMessagesToAsync"/>); 0 if none.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number.</returns>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events of <paramref name="persistenceId"/> numbered up to <paramref name="toSequenceNr"/> (inclusive). The highest sequence number is remembered.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="toSequenceNr">The last number to delete.</param>
    /// <returns>Completes once the deletion is durable; faulted if the store failed (nothing deleted).</returns>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr);
}
