namespace Liberty.Actors;

/// <summary>Every actor answers it with <see cref="ActorIdentity"/> (its ref, or null when nothing lives there).</summary>
/// <param name="MessageId">Echoed back to correlate replies.</param>
public sealed record Identify(object? MessageId);

/// <summary>The reply to <see cref="Identify"/>.</summary>
/// <param name="MessageId">The id from the request.</param>
/// <param name="Subject">The actor, or null.</param>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
