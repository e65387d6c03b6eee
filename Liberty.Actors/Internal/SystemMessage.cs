namespace Liberty.Actors.Internal;

/// <summary>
/// A kernel message processed before any user message in a mailbox run. Each instance is enqueued
/// at most once (<see cref="Next"/> links the system queue).
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>Link in the mailbox's system queue; owned by the mailbox while enqueued.</summary>
    public SystemMessage? Next;
}

/// <summary>Instantiate the actor (first message of every cell).</summary>
internal sealed class Create : SystemMessage
{
}

/// <summary>Restart the actor after <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Stop processing user messages until a matching <see cref="Resume"/>.</summary>
internal sealed class Suspend : SystemMessage
{
}

/// <summary>Undo one <see cref="Suspend"/> (or the suspension of a failure).</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Stop the actor: children first, then PostStop, then notify watchers and parent.</summary>
internal sealed class Terminate : SystemMessage
{
}

/// <summary><see cref="Watcher"/> wants <c>Terminated</c> when <see cref="Watchee"/> stops.</summary>
internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Undo a <see cref="Watch"/>.</summary>
internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Told to watchers (and the parent) when an actor has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    public bool AddressTerminated { get; } = addressTerminated;
}

/// <summary>A child reports a failure to its parent, which applies its supervisor strategy.</summary>
internal sealed class Failed(InternalActorRef child, Exception cause, long uid) : SystemMessage
{
    public InternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}

/// <summary>Runs the continuation of an async handler inside the actor (mailbox stays suspended meanwhile).</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}

/// <summary>An async handler finished (successfully or with <see cref="Error"/>); the mailbox resumes.</summary>
internal sealed class AsyncHandlerCompleted(Exception? error) : SystemMessage
{
    public Exception? Error { get; } = error;
}
