namespace Liberty.Actors;

/// <summary>
/// An immutable, thread-safe handle to an actor: the only way to talk to it.
/// </summary>
/// <remarks>
/// <para><b>Delivery:</b> at most once. Messages from one sender to one receiver arrive in the order
/// they were sent; there is no order between different senders. A message to a stopped actor goes to
/// dead letters (<see cref="Events.DeadLetter"/> on the event stream).</para>
/// <para><b>Equality:</b> two refs are equal when their paths are equal and they name the same
/// incarnation (<see cref="ActorPath.Uid"/>).</para>
/// <para><b>Thread safety:</b> every member may be called from any thread.</para>
/// </remarks>
public interface IActorRef : IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>The actor's path, including its uid.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> without waiting. Never blocks on an unbounded mailbox; on a full
    /// bounded mailbox the message goes to dead letters (use <see cref="ActorRefExtensions.TryTell"/>
    /// to learn about it).
    /// </summary>
    /// <param name="message">The message; must not be null.</param>
    /// <param name="sender">Who the receiver sees as <c>Sender</c>; null for "no sender" (replies go to dead letters).</param>
    void Tell(object message, IActorRef? sender);
}
