namespace Liberty.Actors.Internal;

/// <summary>
/// A temporary ref (<c>/temp/$n</c>) that completes a task with the first message it receives:
/// the reply channel of <c>Ask</c>, and the watcher of <c>GracefulStop</c>.
/// </summary>
/// <remarks>Thread-safe; completes at most once; unregisters itself from the system on completion.</remarks>
internal sealed class PromiseActorRef : InternalActorRef
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromiseActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem System => _system;

    public Task<object> Task => _completion.Task;

    public override bool IsTerminated => _completion.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var done = message is Status.Failure f ? _completion.TrySetException(f.Cause) : _completion.TrySetResult(message);
        if (done)
        {
            _system.UnregisterTemp(this);
        }
        else
        {
            _system.DeadLettersRef.Publish(new Events.DeadLetter(message, sender, this));
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification n:
                Tell(new Terminated(n.Actor, n.ExistenceConfirmed, n.AddressTerminated), n.Actor);
                break;
            case Watch w when !ReferenceEquals(w.Watcher, this) && IsTerminated:
                w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true, addressTerminated: false));
                break;
            default:
                break;
        }
    }

    public bool TryFail(Exception error)
    {
        if (_completion.TrySetException(error))
        {
            _system.UnregisterTemp(this);
            return true;
        }
        return false;
    }

    public bool TryCancel(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token))
        {
            _system.UnregisterTemp(this);
            return true;
        }
        return false;
    }
}
