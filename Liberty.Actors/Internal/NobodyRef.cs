namespace Liberty.Actors.Internal;

/// <summary>A ref that discards everything. Watching it yields Terminated at once.</summary>
internal sealed class NobodyRef : InternalActorRef
{
    public static readonly NobodyRef Instance = new();

    private static readonly ActorPath NobodyPath = ActorPath.Root(new Address("all-systems", "nowhere")).Child("Nobody");

    public override ActorPath Path => NobodyPath;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false, addressTerminated: false));
        }
    }
}
