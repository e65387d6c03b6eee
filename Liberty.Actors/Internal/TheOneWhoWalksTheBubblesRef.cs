namespace Liberty.Actors.Internal;

/// <summary>
/// The parent of the root guardian: it learns that the root stopped (the system is terminated) or
/// failed (then it stops the root).
/// </summary>
internal sealed class TheOneWhoWalksTheBubblesRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed f:
                system.EventStream.Publish(new Events.LogEvent(Events.LogLevel.Error, f.Child.Path.ToString(), typeof(ActorSystem), $"Root guardian failed, stopping the system: {f.Cause.Message}", f.Cause));
                f.Child.Stop();
                break;
            case DeathWatchNotification:
                system.OnRootTerminated();
                break;
            default:
                break;
        }
    }
}
