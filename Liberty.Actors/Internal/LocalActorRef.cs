namespace Liberty.Actors.Internal;

/// <summary>The ref of an actor in this system: a thin handle on its <see cref="ActorCell"/>.</summary>
internal sealed class LocalActorRef(ActorCell cell) : InternalActorRef
{
    public ActorCell Cell { get; } = cell;

    public override ActorPath Path => Cell.Path;

    public override ActorSystem System => Cell.System;

    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender) => Cell.SendMessage(message, sender);

    public override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);

    /// <summary>Enqueues unless a bounded mailbox is full; false when the message was not stored.</summary>
    public bool TryTell(object message, IActorRef? sender) => Cell.TrySendMessage(message, sender);
}
