using Liberty.Actors.Supervision;

namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{
    // Created on the first child; its lock guards its contents (children may be created from other
    // threads through ActorSystem.ActorOf on a guardian, and listed from anywhere).
    private ChildrenContainer? _children;

    public IActorRef ActorOf(Props props, string? name = null) => ActorOfInternal(props, name, systemReserved: false);

    /// <summary>Creates a child; <paramref name="systemReserved"/> skips name validation for kernel names.</summary>
    public LocalActorRef ActorOfInternal(Props props, string? name, bool systemReserved)
    {
        ArgumentNullException.ThrowIfNull(props);
        var container = Children();
        LocalActorRef child;
        lock (container.Lock)
        {
            if (name is null)
            {
                name = GeneratedName(container.NextName++);
            }
            else if (!systemReserved && !ActorPath.IsValidName(name))
            {
                throw new InvalidActorNameException(
                    $"Illegal actor name [{name}]: names are non-empty, do not start with '$', and use letters, digits and -_.*$+:@&=,!~';");
            }
            if (container.ByName.ContainsKey(name))
            {
                throw new InvalidActorNameException($"Actor name [{name}] is not unique under {Path}.");
            }
            var dispatcher = System.Dispatchers.Lookup(props.Dispatcher);
            var mailbox = (props.Mailbox ?? MailboxKind.Unbounded).Create();
            var cell = new ActorCell(System, props, dispatcher, mailbox, Self, Path.Child(name, System.NextUid()));
            child = cell.Self;
            container.ByName.Add(name, child);
        }
        child.Cell.Start();
        if (Volatile.Read(ref _state) >= StateTerminating)
        {
            // Created while this actor is stopping: it must not outlive its parent.
            StopChild(child);
        }
        return child;
    }

    private ChildrenContainer Children()
    {
        var c = Volatile.Read(ref _children);
        if (c is not null)
        {
            return c;
        }
        Interlocked.CompareExchange(ref _children, new ChildrenContainer(), null);
        return _children!;
    }

    private static string GeneratedName(long n)
    {
        const string Digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Digits[(int)(n & 63)];
            n >>= 6;
        }
        while (n > 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    public IReadOnlyList<IActorRef> GetChildren() => ChildRefs();

    public IReadOnlyList<LocalActorRef> ChildRefs()
    {
        var c = Volatile.Read(ref _children);
        if (c is null)
        {
            return [];
        }
        lock (c.Lock)
        {
            return [.. c.ByName.Values];
        }
    }

    public int ChildCount
    {
        get
        {
            var c = Volatile.Read(ref _children);
            if (c is null)
            {
                return 0;
            }
            lock (c.Lock)
            {
                return c.ByName.Count;
            }
        }
    }

    public IActorRef? Child(string name) => TryGetChild(name, out var child) ? child : null;

    public bool TryGetChild(string name, out LocalActorRef child)
    {
        var c = Volatile.Read(ref _children);
        if (c is not null)
        {
            lock (c.Lock)
            {
                if (c.ByName.TryGetValue(name, out child!))
                {
                    return true;
                }
            }
        }
        child = null!;
        return false;
    }

    private bool IsChild(IActorRef actor, out LocalActorRef child)
    {
        if (actor is LocalActorRef local && ReferenceEquals(local.Cell._parent, Self) && TryGetChild(local.Path.Name, out child) && ReferenceEquals(child, local))
        {
            return true;
        }
        child = null!;
        return false;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Equals(Self))
        {
            HandleStopSelf();
        }
        else if (IsChild(actor, out var child))
        {
            StopChild(child);
        }
        else if (actor is InternalActorRef other)
        {
            // Akka allows stopping any actor through its context; it is delivered as a stop request.
            other.Stop();
        }
    }

    private void HandleStopSelf()
    {
        if (Volatile.Read(ref _state) < StateTerminating)
        {
            Self.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Asks a child to stop and remembers it is stopping (a restart waits for stopping children).</summary>
    public void StopChild(InternalActorRef child)
    {
        if (child is LocalActorRef local)
        {
            var c = Children();
            lock (c.Lock)
            {
                c.Stopping.Add(local);
            }
        }
        child.Stop();
    }

    public ChildRestartStats StatsFor(LocalActorRef child)
    {
        var c = Children();
        lock (c.Lock)
        {
            if (!c.Stats.TryGetValue(child, out var stats))
            {
                stats = new ChildRestartStats();
                c.Stats.Add(child, stats);
            }
            return stats;
        }
    }

    /// <summary>A child has stopped: forget it; finish a pending restart or termination if it was the last.</summary>
    private void HandleChildTerminated(LocalActorRef child)
    {
        var c = Volatile.Read(ref _children);
        if (c is null)
        {
            return;
        }
        int remaining;
        int stopping;
        lock (c.Lock)
        {
            if (c.ByName.TryGetValue(child.Path.Name, out var current) && ReferenceEquals(current, child))
            {
                c.ByName.Remove(child.Path.Name);
            }
            c.Stopping.Remove(child);
            c.Stats.Remove(child);
            remaining = c.ByName.Count;
            stopping = c.Stopping.Count;
        }
        if (_state == StateTerminating && remaining == 0)
        {
            FinishTerminate();
        }
        else if (PendingRecreate is { } cause && stopping == 0)
        {
            PendingRecreate = null;
            FinishRecreate(cause);
        }
    }

    private sealed class ChildrenContainer
    {
        public readonly Lock Lock = new();
        public readonly Dictionary<string, LocalActorRef> ByName = new(StringComparer.Ordinal);
        public readonly HashSet<LocalActorRef> Stopping = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<LocalActorRef, ChildRestartStats> Stats = new(ReferenceEqualityComparer.Instance);
        public long NextName;
    }
}
