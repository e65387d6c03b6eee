namespace Liberty.Node.Persistence;

/// <summary>A <see cref="PersistentEntity{TState}"/> whose state applies its own events.</summary>
/// <typeparam name="TState">The immutable, registered state.</typeparam>
/// <param name="persistenceId">The persistence id.</param>
/// <param name="initial">The state before any event.</param>
/// <param name="journal">The journal.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="logger">Where skipped events are logged; null for none.</param>
internal sealed class StateEntity<TState>(string persistenceId, TState initial, IJournal journal, ISnapshotStore snapshots, ILogger? logger)
    : PersistentEntity<TState>(persistenceId, initial, journal, snapshots, logger)
    where TState : class, IEventSourced<TState>
{
    /// <inheritdoc />
    protected override TState Apply(TState state, object @event) => state.Apply(@event);
}
