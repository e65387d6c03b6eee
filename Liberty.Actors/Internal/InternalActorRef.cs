namespace Liberty.Actors.Internal;

/// <summary>
/// The kernel's side of a ref: system messages, liveness, locality. Every ref the kernel creates
/// derives from it.
/// </summary>
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    public abstract void Tell(object message, IActorRef? sender);

    /// <summary>Delivers a system message (create, watch, stop, supervise...); never blocks, never fails.</summary>
    public abstract void SendSystemMessage(SystemMessage message);

    /// <summary>The system this ref belongs to (null for system-less refs such as Nobody).</summary>
    public virtual ActorSystem? System => null;

    /// <summary>True when this ref points into the local actor system.</summary>
    public virtual bool IsLocal => true;

    /// <summary>True when the actor is known to be dead (a hint: false does not mean alive).</summary>
    public virtual bool IsTerminated => false;

    /// <summary>Stops the actor (asynchronously).</summary>
    public virtual void Stop() => SendSystemMessage(new Terminate());

    public bool Equals(IActorRef? other) =>
        other is not null && (ReferenceEquals(this, other) || (Path.Uid == other.Path.Uid && Path.Equals(other.Path)));

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null)
        {
            return 1;
        }
        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => Path.Uid == 0 ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}
