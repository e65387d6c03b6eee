namespace Liberty.Node.Persistence;

/// <summary>An immutable state that knows how events change it (the state of a <see cref="TaskStoreEntity{TState}"/>).</summary>
/// <typeparam name="TState">The state type itself.</typeparam>
internal interface IEventSourced<out TState>
{
    /// <summary>Returns the state after <paramref name="event"/>; this instance is unchanged. An event that is a whole state of this type (an import, <see cref="LegacyJournal"/>) replaces it; unknown events leave the state as it is.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The new state.</returns>
    TState Apply(object @event);
}
