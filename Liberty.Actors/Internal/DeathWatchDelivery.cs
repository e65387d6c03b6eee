namespace Liberty.Actors.Internal;

/// <summary>
/// The user-queue carrier of a death notice: delivered as <see cref="Message"/> (a <see cref="Terminated"/>
/// or the <c>WatchWith</c> message) only if the watch still stands when it is processed.
/// </summary>
internal sealed record DeathWatchDelivery(IActorRef Actor, object Message);
