using Liberty.Actors.Internal;

namespace Liberty.Actors;

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>A ref that accepts and discards every message (Akka's <c>Nobody</c>).</summary>
    public static IActorRef Nobody => NobodyRef.Instance;

    /// <summary>"No sender": pass this (null) as the sender of a message that needs no reply.</summary>
    public static readonly IActorRef? NoSender;
}
