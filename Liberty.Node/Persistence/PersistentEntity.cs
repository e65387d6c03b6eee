using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Persistence;

/// <summary>
/// An event-sourced entity in the manner of Akka's <c>PersistentActor</c>, without the actor: its state
/// changes only by events; <see cref="PersistAsync"/> stores an event and completes when it is durable;
/// <see cref="RecoverAsync"/> rebuilds the state from the latest snapshot plus the later events;
/// <see cref="SaveSnapshotAsync"/> and <see cref="DeleteMessagesToAsync"/> keep recovery short.
/// </summary>
/// <typeparam name="TState">The state: an <b>immutable</b> type registered with the <see cref="PayloadSerializer"/>
/// (a snapshot is the state object itself, captured by reference and serialized later).</typeparam>
/// <remarks>
/// <para>Difference from Akka's <c>Persist</c>: Akka stashes commands until the event is stored, so the
/// handler runs on stored state. Here the event is applied to <see cref="State"/> when
/// <see cref="PersistAsync"/> is called (so that calls not awaited one by one still see each other's
/// effects), and the returned task completes when it is stored. If a write fails or conflicts, the
/// in-memory state is ahead of the journal: the entity becomes <see cref="IsFaulted"/>, refuses further
/// events, and must be recovered (as Akka stops a persistent actor whose persist failed).</para>
/// <para><b>Thread:</b> not thread-safe: one caller at a time (the owner serialises calls, e.g. under a lock).
/// Completions arrive on thread-pool threads.</para>
/// <para><b>Cancellation:</b> none for writes (see <see cref="IJournal"/>); recovery honours its token.</para>
/// <para><b>Ordering:</b> events are stored in the order of the <see cref="PersistAsync"/> calls.</para>
/// </remarks>
internal abstract class PersistentEntity<TState>
    where TState : class
{
    private readonly IJournal _journal;
    private readonly ISnapshotStore _snapshots;
    private readonly ILogger _logger;
    private readonly TState _initial;

    // The owner's thread writes these (calls are serialised); completions only set _fault.
    private Task _lastWrite = Task.CompletedTask;
    private volatile string? _fault;
    private long _lastSnapshotSequenceNr;

    /// <summary>Creates the entity in its initial state (call <see cref="RecoverAsync"/> before persisting).</summary>
    /// <param name="persistenceId">The entity's persistence id.</param>
    /// <param name="initial">The state before any event.</param>
    /// <param name="journal">The journal.</param>
    /// <param name="snapshots">The snapshot store.</param>
    /// <param name="logger">Where skipped events are logged; null for none.</param>
    protected PersistentEntity(string persistenceId, TState initial, IJournal journal, ISnapshotStore snapshots, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(initial);
        PersistenceId = persistenceId;
        State = initial;
        _initial = initial;
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The entity's persistence id.</summary>
    public string PersistenceId { get; }

    /// <summary>The state after every event persisted or recovered so far.</summary>
    public TState State { get; private set; }

    /// <summary>The sequence number of the last event applied to <see cref="State"/>.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number of the latest snapshot recovered or saved (0 if none).</summary>
    public long LastSnapshotSequenceNr => Interlocked.Read(ref _lastSnapshotSequenceNr);

    /// <summary>Whether a write failed or conflicted, so that the state is ahead of the journal.</summary>
    public bool IsFaulted => _fault is not null;

    /// <summary>Returns the state after <paramref name="event"/> (pure: no side effects, <paramref name="state"/> unchanged).</summary>
    /// <param name="state">The state before.</param>
    /// <param name="event">The event.</param>
    /// <returns>The state after.</returns>
    protected abstract TState Apply(TState state, object @event);

    /// <summary>
    /// Rebuilds <see cref="State"/> from scratch: the latest readable snapshot (else the initial state), then every later event. An unreadable event
    /// is logged (event id 5003) and skipped, and recovery goes on with the next one.
    /// </summary>
    /// <param name="cancellationToken">Cancels the recovery (the state is then undefined; recover again).</param>
    /// <returns>The number of unreadable events skipped.</returns>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _snapshots.LoadSnapshotAsync(PersistenceId, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var state = _initial;
        var last = 0L;
        if (snapshot is not null)
        {
            state = (TState)snapshot.State;
            last = snapshot.SequenceNr;
            Interlocked.Exchange(ref _lastSnapshotSequenceNr, last);
        }
        var skipped = 0;
        var next = last + 1;
        while (true)
        {
            IReadOnlyList<JournalEntry> events;
            var to = long.MaxValue;
            try
            {
                events = await _journal.ReadAsync(PersistenceId, next, to, long.MaxValue, cancellationToken).ConfigureAwait(false);
            }
            catch (JournalCorruptionException ex) when (ex.PersistenceId == PersistenceId && ex.SequenceNr >= next)
            {
                // Take what precedes the unreadable event, skip it, and go on after it.
                _logger.EventSkipped(PersistenceId, ex.Message);
                skipped++;
                events = await _journal.ReadAsync(PersistenceId, next, ex.SequenceNr - 1, long.MaxValue, cancellationToken).ConfigureAwait(false);
                foreach (var entry in events)
                {
                    state = Apply(state, entry.Payload);
                }
                last = ex.SequenceNr;
                next = ex.SequenceNr + 1;
                continue;
            }
            foreach (var entry in events)
            {
                state = Apply(state, entry.Payload);
                last = entry.SequenceNr;
            }
            break;
        }
        var highest = await _journal.ReadHighestSequenceNrAsync(PersistenceId, cancellationToken).ConfigureAwait(false);
        State = state;
        LastSequenceNr = Math.Max(last, highest);
        _lastWrite = Task.CompletedTask;
        _fault = null;
        return skipped;
    }

    /// <summary>Applies <paramref name="event"/> to <see cref="State"/> now and stores it as the next event.</summary>
    /// <param name="event">The event, of a registered type.</param>
    /// <returns>
    /// Completes when the event is durable. Faults with <see cref="InvalidOperationException"/> when the
    /// journal reports a conflict, or with the store's exception when the write failed; the entity is then faulted.
    /// </returns>
    /// <exception cref="InvalidOperationException">The entity is faulted (an earlier write failed): recover it first.</exception>
    /// <exception cref="ArgumentException">The event's type is not registered (nothing is applied or stored).</exception>
    public Task PersistAsync(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (_fault is { } fault)
        {
            throw new InvalidOperationException($"'{PersistenceId}' refuses events after a failed write ({fault}); recover it from the journal first.");
        }
        var sequenceNr = LastSequenceNr + 1;
        var append = _journal.AppendAsync(new AtomicWrite(PersistenceId, sequenceNr, [@event]));
        LastSequenceNr = sequenceNr;
        State = Apply(State, @event);
        var stored = CheckStoredAsync(append, sequenceNr);
        _lastWrite = stored;
        return stored;
    }

    /// <summary>
    /// Captures <see cref="State"/> now and saves it as a snapshot once the events it includes are stored.
    /// The serialization runs on a thread-pool thread, not the caller's.
    /// </summary>
    /// <returns>The snapshot's sequence number once it is durable; faults if an included event or the save failed.</returns>
    public async Task<long> SaveSnapshotAsync()
    {
        var sequenceNr = LastSequenceNr;
        var state = State;
        await _lastWrite.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await _snapshots.SaveSnapshotAsync(PersistenceId, sequenceNr, state).ConfigureAwait(false);
        InterlockedMax(ref _lastSnapshotSequenceNr, sequenceNr);
        return sequenceNr;
    }

    /// <summary>Deletes this entity's events up to <paramref name="toSequenceNr"/> (after a snapshot that includes them).</summary>
    /// <param name="toSequenceNr">The last number to delete.</param>
    /// <returns>Completes when the deletion is durable.</returns>
    public Task DeleteMessagesToAsync(long toSequenceNr) => _journal.DeleteMessagesToAsync(PersistenceId, toSequenceNr);

    /// <summary>Deletes this entity's snapshots up to <paramref name="maxSequenceNr"/>.</summary>
    /// <param name="maxSequenceNr">The highest number to delete.</param>
    /// <returns>Completes when the deletion is durable.</returns>
    public Task DeleteSnapshotsToAsync(long maxSequenceNr) => _snapshots.DeleteSnapshotsToAsync(PersistenceId, maxSequenceNr);

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private async Task CheckStoredAsync(Task<AppendResult> append, long sequenceNr)
    {
        AppendResult result;
        try
        {
            result = await append.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _fault ??= $"event {sequenceNr} was not stored: {ex.Message}";
            throw;
        }
        if (!result.IsStored)
        {
            var message = $"event {sequenceNr} of '{PersistenceId}' conflicts with the journal, whose highest is {result.HighestSequenceNr} (another writer?)";
            _fault ??= message;
            throw new InvalidOperationException(message);
        }
    }
}
