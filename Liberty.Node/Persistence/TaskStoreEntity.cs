using Akka.Actor;
using Akka.Persistence;

namespace Liberty.Node.Persistence;

/// <summary>
/// One kind of the node's durable state (apps, tasks or devices) as an Akka persistent actor: each
/// <see cref="EntityWrite"/> is persisted (<c>PersistAsync</c>), then applied to the immutable state and answered,
/// so a change is acknowledged only once it is in the journal. Every <c>snapshotEvery</c> events it saves a
/// snapshot, and once that is stored deletes the events up to the <i>previous</i> snapshot and the snapshots before
/// it: recovery reads one snapshot and at most about two intervals of events, and the previous snapshot with the
/// events after it is still there should the latest be unreadable.
/// </summary>
/// <remarks>
/// <para><c>PersistAsync</c> rather than <c>Persist</c>: commands are not stashed while a write is in flight, so the
/// events of writes that are not awaited one by one go to the journal together (Akka keeps one journal write in
/// flight per actor and batches the rest), and their handlers still run in the order of the commands.
/// <see cref="EntityRead"/> and <see cref="EntityStop"/> go through <c>DeferAsync</c>, after every pending write.</para>
/// <para>While a snapshot is being saved, new commands wait in the stash: on SQLite the snapshot store and the journal
/// share one file with one writer, and a steady stream of journal writes starved the snapshot until the stream ended,
/// so nothing was deleted and recovery would read every event of the burst. Writes pause for one snapshot save every
/// <c>snapshotEvery</c> events instead.</para>
/// <para>An unreadable event (<see cref="UnreadablePayload"/>) is logged and skipped at recovery; an unreadable snapshot
/// fails the recovery (the entity stops and its <see cref="EntityChannel"/> says why). A failed journal write stops
/// the entity too (Akka.Persistence's rule: its state may be ahead of the journal); a rejected one (the event could
/// not be serialized) fails only that write.</para>
/// </remarks>
/// <typeparam name="TState">The state.</typeparam>
internal sealed class TaskStoreEntity<TState> : ReceivePersistentActor
    where TState : class, IEventSourced<TState>
{
    private readonly EntityChannel _channel;
    private readonly int _snapshotEvery;
    private readonly ILogger _logger;

    // Written and read on the actor only.
    private readonly Queue<PendingReply<bool>> _inFlight = new();
    private TState _state;
    private long _snapshotSequenceNr;
    private bool _snapshotting;
    private int _skipped;

    /// <summary>Creates the entity (through <see cref="Props"/>).</summary>
    /// <param name="channel">Its channel (persistence id; faulted when it stops).</param>
    /// <param name="empty">The state before the first event.</param>
    /// <param name="snapshotEvery">Events between snapshots (at least 1).</param>
    /// <param name="logger">Where skipped events and failed snapshots are logged.</param>
    public TaskStoreEntity(EntityChannel channel, TState empty, int snapshotEvery, ILogger logger)
    {
        _channel = channel;
        _state = empty;
        _snapshotEvery = snapshotEvery;
        _logger = logger;
        PersistenceId = channel.PersistenceId;

        Recover<SnapshotOffer>(offer => RecoverSnapshot(offer));
        Recover<UnreadablePayload>(unreadable =>
        {
            _skipped++;
            _logger.EventSkipped(PersistenceId, LastSequenceNr, unreadable.Manifest, unreadable.Reason);
        });
        Recover<RecoveryCompleted>(_ => SnapshotIfDue());
        Recover<object>(@event => _state = _state.Apply(@event));

        Command<EntityWrite>(write =>
        {
            if (StashWhileSnapshotting())
            {
                return;
            }
            _inFlight.Enqueue(write.Reply);
            PersistAsync(write.Event, Applied);
        });
        Command<EntityRead>(read =>
        {
            if (!StashWhileSnapshotting())
            {
                DeferAsync(read, r => r.Reply.Complete(new EntityState(_state, LastSequenceNr, _skipped)));
            }
        });
        Command<EntityStop>(stop =>
        {
            if (!StashWhileSnapshotting())
            {
                DeferAsync(stop, _ => Context.Stop(Self));
            }
        });
        Command<SaveSnapshotSuccess>(saved => SnapshotSaved(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed =>
        {
            _logger.SnapshotFailed(failed.Cause, PersistenceId, failed.Metadata.SequenceNr);
            SnapshotDone();
        });
        Command<DeleteMessagesSuccess>(static _ => { });
        Command<DeleteMessagesFailure>(failed => _logger.DeleteFailed(failed.Cause, PersistenceId, "events", failed.ToSequenceNr));
        Command<DeleteSnapshotsSuccess>(static _ => { });
        Command<DeleteSnapshotsFailure>(failed => _logger.DeleteFailed(failed.Cause, PersistenceId, "snapshots", failed.Criteria.MaxSequenceNr));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The props of an entity.</summary>
    /// <param name="channel">Its channel.</param>
    /// <param name="empty">The state before the first event.</param>
    /// <param name="snapshotEvery">Events between snapshots.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The props.</returns>
    public static Props Props(EntityChannel channel, TState empty, int snapshotEvery, ILogger logger) =>
        Akka.Actor.Props.Create(() => new TaskStoreEntity<TState>(channel, empty, snapshotEvery, logger));

    /// <inheritdoc />
    protected override void PostStop()
    {
        // Whatever stopped it (a failed write, the store's EntityStop, the system's shutdown), no caller waits on.
        _channel.Fault(new InvalidOperationException($"The node's store of '{PersistenceId}' is stopped; it stores nothing more until the node restarts."));
        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _logger.RecoveryFailed(reason, PersistenceId);
        _channel.Fault(new InvalidOperationException($"Cannot recover '{PersistenceId}': {reason.Message}", reason));
        base.OnRecoveryFailure(reason, message);
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _logger.StoreFaulted(cause, PersistenceId, sequenceNr);
        _channel.Fault(new InvalidOperationException(
            $"Writing event {sequenceNr} of '{PersistenceId}' to the journal failed ({cause.Message}); nothing more is stored until the node restarts and recovers.", cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _logger.WriteRejected(cause, PersistenceId, sequenceNr);
        if (_inFlight.TryDequeue(out var reply))
        {
            reply.Fail(new InvalidOperationException($"The journal rejected event {sequenceNr} of '{PersistenceId}' ({@event.GetType().Name}); it is not stored: {cause.Message}", cause));
        }
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Applied(object @event)
    {
        _state = _state.Apply(@event);
        if (_inFlight.TryDequeue(out var reply))
        {
            reply.Complete(true);
        }
        SnapshotIfDue();
    }

    private void RecoverSnapshot(SnapshotOffer offer)
    {
        if (offer.Snapshot is not TState state)
        {
            var why = offer.Snapshot is UnreadablePayload unreadable ? unreadable.Reason : "it is a " + offer.Snapshot?.GetType().Name;
            throw new InvalidOperationException($"snapshot {offer.Metadata.SequenceNr} of '{PersistenceId}' is unreadable: {why}");
        }
        _state = state;
        _snapshotSequenceNr = offer.Metadata.SequenceNr;
    }

    private void SnapshotIfDue()
    {
        if (!_snapshotting && LastSequenceNr - _snapshotSequenceNr >= _snapshotEvery)
        {
            _snapshotting = true;
            SaveSnapshot(_state);
        }
    }

    private void SnapshotSaved(long sequenceNr)
    {
        var previous = _snapshotSequenceNr;
        _snapshotSequenceNr = sequenceNr;
        if (previous > 0)
        {
            // Keep one generation back: the previous snapshot and the events after it.
            DeleteMessages(previous);
            DeleteSnapshots(new SnapshotSelectionCriteria(previous - 1));
        }
        SnapshotDone();
    }

    private void SnapshotDone()
    {
        _snapshotting = false;
        Stash.UnstashAll();
    }

    // Commands that come while a snapshot is saved wait for it, in order (see the remarks).
    private bool StashWhileSnapshotting()
    {
        if (_snapshotting)
        {
            Stash.Stash();
        }
        return _snapshotting;
    }
}
