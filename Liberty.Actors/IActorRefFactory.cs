namespace Liberty.Actors;

/// <summary>Creates actors: the system (top-level actors under <c>/user</c>) and every actor context (children).</summary>
public interface IActorRefFactory
{
    /// <summary>
    /// Creates an actor and returns its ref at once; the instance is made asynchronously on its
    /// dispatcher (a constructor failure stops it, reported as <see cref="ActorInitializationException"/>).
    /// </summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A unique name among its siblings (see <see cref="ActorPath.IsValidName"/>); null to generate one.</param>
    /// <returns>The new actor's ref.</returns>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);
}
