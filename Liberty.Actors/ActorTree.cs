using Liberty.Actors.Internal;

namespace Liberty.Actors;

/// <summary>
/// Read-only access to the live actor tree, for the node's management API (<c>actor hierarchy</c>). Internal: it
/// exposes children of any local actor, which actor code must not rely on (it would race with their life cycle).
/// </summary>
/// <remarks>
/// <b>Thread:</b> any thread. <b>Cancellation:</b> none. <b>Ordering:</b> a snapshot of one moment per actor; children
/// that start or stop while a walk runs may or may not appear.
/// </remarks>
internal static class ActorTree
{
    /// <summary>The live children of a local actor, sorted by name.</summary>
    /// <param name="actor">The actor (a guardian or any local actor).</param>
    /// <returns>Its children; empty for a remote or dead ref.</returns>
    public static IReadOnlyList<IActorRef> ChildrenOf(IActorRef actor) =>
        actor is LocalActorRef local ? [.. local.Cell.ChildRefs().OrderBy(static c => c.Path.Name, StringComparer.Ordinal)] : [];

    /// <summary>The dispatcher id and actor type of a local actor.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns>(dispatcher id, actor type name), or nulls for a remote or dead ref.</returns>
    public static (string? Dispatcher, string? Type) Describe(IActorRef actor) =>
        actor is LocalActorRef local ? (local.Cell.Dispatcher.Id, local.Cell.Actor?.GetType().Name) : (null, null);
}
