namespace Liberty.Node.Persistence;

/// <summary>Snapshots of entity state, keyed by persistence id and the sequence number they include.</summary>
/// <remarks>
/// <para><b>Thread:</b> any thread; all members are thread-safe.</para>
/// <para><b>Cancellation:</b> writes take no token (stored and reported, or reported failed and not stored); loads honour theirs.</para>
/// <para><b>Ordering:</b> writes go through the same ordered writer as the journal's writes.</para>
/// </remarks>
internal interface ISnapshotStore
{
    /// <summary>Saves <paramref name="state"/> as the snapshot of <paramref name="persistenceId"/> at <paramref name="sequenceNr"/> (replacing one saved at the same number). The state is serialized before this method returns.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="sequenceNr">The sequence number of the last event the state includes.</param>
    /// <param name="state">The state, of a type registered with the <see cref="PayloadSerializer"/>.</param>
    /// <returns>Completes once the snapshot is durable; faulted if the store failed.</returns>
    /// <exception cref="ArgumentException">The state's type is not registered (thrown synchronously).</exception>
    Task SaveSnapshotAsync(string persistenceId, long sequenceNr, object state);

    /// <summary>Loads the latest readable snapshot of <paramref name="persistenceId"/> whose sequence number is at most <paramref name="maxSequenceNr"/>.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="maxSequenceNr">The highest acceptable number (<see cref="long.MaxValue"/> for the latest).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The snapshot, or null if there is none. An unreadable (corrupt) snapshot is logged and skipped for the next older one.</returns>
    Task<SelectedSnapshot?> LoadSnapshotAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshots of <paramref name="persistenceId"/> whose sequence number is at most <paramref name="maxSequenceNr"/>.</summary>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="maxSequenceNr">The highest number to delete.</param>
    /// <returns>Completes once the deletion is durable; faulted if the store failed.</returns>
    Task DeleteSnapshotsToAsync(string persistenceId, long maxSequenceNr);
}
