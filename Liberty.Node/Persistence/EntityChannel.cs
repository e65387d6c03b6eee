using Akka.Actor;

namespace Liberty.Node.Persistence;

/// <summary>
/// How <see cref="AkkaTaskStore"/> talks to one <see cref="TaskStoreEntity{TState}"/>: it tells the entity a
/// command carrying a <see cref="PendingReply{T}"/>, and remembers every reply still owed. When the entity stops
/// (a journal write failed, recovery failed, the store or the actor system shut down) the channel is
/// <b>faulted</b>: every owed reply fails with the reason, including those whose commands were still in the
/// stopped entity's mailbox, and every later command fails at once, so no caller waits forever.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread.</para>
/// <para><b>Cancellation:</b> none; a command is either answered by the entity or failed by the fault.</para>
/// <para><b>Ordering:</b> commands are told to the entity under the channel's lock, so they reach its mailbox in the
/// order the calls took the lock (for one calling thread, the order of its calls).</para>
/// </remarks>
internal sealed class EntityChannel
{
    // Protects _pending, _fault and the Tell of a command (so that a fault cannot slip between the check and the send).
    private readonly Lock _lock = new();
    private readonly HashSet<IPendingReply> _pending = [];
    private Exception? _fault;
    private IActorRef _entity = ActorRefs.Nobody;

    /// <summary>Creates the channel of the entity <paramref name="persistenceId"/>.</summary>
    /// <param name="persistenceId">The entity's persistence id.</param>
    public EntityChannel(string persistenceId) => PersistenceId = persistenceId;

    /// <summary>The entity's persistence id.</summary>
    public string PersistenceId { get; }

    /// <summary>The entity; set once, right after it was created.</summary>
    public IActorRef Entity
    {
        get
        {
            lock (_lock)
            {
                return _entity;
            }
        }

        set
        {
            lock (_lock)
            {
                _entity = value;
            }
        }
    }

    /// <summary>Whether the entity stopped: commands fail at once.</summary>
    public bool IsFaulted
    {
        get
        {
            lock (_lock)
            {
                return _fault is not null;
            }
        }
    }

    /// <summary>Tells the entity a command that carries a new reply, unless the channel is faulted.</summary>
    /// <typeparam name="T">The answer.</typeparam>
    /// <param name="command">Makes the command from its reply.</param>
    /// <returns>The caller's task: the entity's answer, or the fault.</returns>
    public Task<T> Send<T>(Func<PendingReply<T>, object> command)
    {
        var reply = new PendingReply<T>(this);
        lock (_lock)
        {
            if (_fault is null)
            {
                _pending.Add(reply);
                _entity.Tell(command(reply), ActorRefs.NoSender);
                return reply.Task;
            }
        }
        reply.Fail(_fault);
        return reply.Task;
    }

    /// <summary>Faults the channel: fails every owed reply and every later command with <paramref name="reason"/>. Only the first fault counts.</summary>
    /// <param name="reason">Why the entity stopped.</param>
    /// <returns>Whether this call faulted it (false: it already was).</returns>
    public bool Fault(Exception reason)
    {
        IPendingReply[] owed;
        lock (_lock)
        {
            if (_fault is not null)
            {
                return false;
            }
            _fault = reason;
            owed = [.. _pending];
            _pending.Clear();
        }
        foreach (var reply in owed)
        {
            reply.Fail(reason);
        }
        return true;
    }

    /// <summary>Forgets a reply that was answered.</summary>
    /// <param name="reply">The reply.</param>
    internal void Forget(IPendingReply reply)
    {
        lock (_lock)
        {
            _pending.Remove(reply);
        }
    }
}
