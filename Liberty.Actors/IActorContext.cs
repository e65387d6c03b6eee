using Liberty.Actors.Dispatch;

namespace Liberty.Actors;

/// <summary>
/// An actor's view of itself and its surroundings. Valid only on the actor's own thread, while it
/// processes a message or runs a lifecycle hook (not from other threads, not after an await on a
/// foreign context).
/// </summary>
public interface IActorContext : IActorRefFactory
{
    /// <summary>This actor's ref.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The parent (supervisor).</summary>
    IActorRef Parent { get; }

    /// <summary>The system.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was made from.</summary>
    Props Props { get; }

    /// <summary>The dispatcher it runs on.</summary>
    MessageDispatcher Dispatcher { get; }

    /// <summary>Its living children.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<IActorRef> GetChildren();

    /// <summary>A child by name, or null.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>Its ref or null.</returns>
    IActorRef? Child(string name);

    /// <summary>Replaces the current behaviour (the stack's top) with <paramref name="receive"/>.</summary>
    /// <param name="receive">The new behaviour.</param>
    void Become(Receive receive);

    /// <summary>Pushes <paramref name="receive"/> on the behaviour stack.</summary>
    /// <param name="receive">The new behaviour.</param>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the behaviour stack (never below the actor's initial behaviour).</summary>
    void UnbecomeStacked();

    /// <summary>Watch <paramref name="subject"/>: a <see cref="Terminated"/> arrives exactly once when it stops.</summary>
    /// <param name="subject">The actor to watch.</param>
    /// <returns>The subject.</returns>
    IActorRef Watch(IActorRef subject);

    /// <summary>Watch <paramref name="subject"/>, receiving <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    /// <param name="subject">The actor to watch.</param>
    /// <param name="message">The message to receive when it stops.</param>
    /// <returns>The subject.</returns>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stop watching; a notice not yet processed is dropped.</summary>
    /// <param name="subject">The watched actor.</param>
    /// <returns>The subject.</returns>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops this actor or one of its children (asynchronously; the current message completes first).</summary>
    /// <param name="actor">Self or a child.</param>
    void Stop(IActorRef actor);

    /// <summary>
    /// Sends <see cref="ReceiveTimeout"/> after this long without a message (messages marked
    /// <see cref="INotInfluenceReceiveTimeout"/> do not count); null turns it off.
    /// </summary>
    /// <param name="timeout">The idle span, or null.</param>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The current receive timeout, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }
}
