namespace Liberty.Actors;

/// <summary>
/// Delivered to a watcher when a watched actor has stopped: exactly once per watch, also when the
/// watch was placed after the end, and when the actor's node left or went down.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was never known to exist (a dead ref watched late).</param>
/// <param name="AddressTerminated">True when the notice comes from the loss of the actor's node.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);
