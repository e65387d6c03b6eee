using System.Diagnostics;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Dispatch;

/// <summary>
/// An actor's two queues (system and user messages) and its run state. A mailbox is "scheduled"
/// while a dispatcher has it queued or is running it; at most one run exists at a time, which is
/// what makes an actor single-threaded.
/// </summary>
/// <remarks>
/// <para><b>A run</b> processes every system message, then up to <c>throughput</c> user messages
/// (bounded also by the dispatcher's deadline), re-checking system messages after each one. It stops
/// early when the actor is suspended or closed. After a run the mailbox goes idle, and is scheduled
/// again at once if anything arrived meanwhile.</para>
/// <para><b>Status word</b> (<c>_status</c>, written with CAS by producers and the running
/// consumer): bit 0 scheduled, bit 1 closed, bits 2.. the suspend count.</para>
/// </remarks>
internal abstract class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;
    private const int SuspendUnit = 4;

    private int _status;

    // Treiber stack of system messages (pushed by any thread, drained by the run in arrival order).
    private SystemMessage? _systemHead;

    public ActorCell Cell { get; private set; } = null!;

    // The cell's dispatcher (not a field of its own: one reference less per actor).
    public MessageDispatcher Dispatcher => Cell.Dispatcher;

    public void Attach(ActorCell cell, MessageDispatcher dispatcher)
    {
        Debug.Assert(ReferenceEquals(cell.Dispatcher, dispatcher), "a mailbox runs on its cell's dispatcher");
        Cell = cell;
    }

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public bool IsSuspended => Volatile.Read(ref _status) >= SuspendUnit;

    /// <summary>Neither suspended nor closed: the run may process user messages (one read of the status word).</summary>
    public bool CanProcessUserMessages => (Volatile.Read(ref _status) & ~Scheduled) == 0;

    public bool IsScheduled => (Volatile.Read(ref _status) & Scheduled) != 0;

    public bool HasSystemMessages => Volatile.Read(ref _systemHead) is not null;

    /// <summary>Number of user messages waiting (exact for bounded mailboxes, approximate otherwise).</summary>
    public abstract int Count { get; }

    public abstract bool HasMessages { get; }

    /// <summary>Enqueues a user message; false when a bounded mailbox is full (the caller dead-letters it).</summary>
    public abstract bool TryEnqueue(Envelope envelope);

    /// <summary>Dequeues the next user message (consumer only).</summary>
    public abstract bool TryDequeue(out Envelope envelope);

    public void SystemEnqueue(SystemMessage message)
    {
        Debug.Assert(message.Next is null);
        var head = Volatile.Read(ref _systemHead);
        while (true)
        {
            message.Next = head;
            var seen = Interlocked.CompareExchange(ref _systemHead, message, head);
            if (seen == head)
            {
                return;
            }
            head = seen;
        }
    }

    /// <summary>Takes every queued system message, oldest first.</summary>
    public SystemMessage? SystemDrain()
    {
        // Plain read first: most runs find no system message, and the exchange is an atomic operation.
        if (Volatile.Read(ref _systemHead) is null)
        {
            return null;
        }
        var head = Interlocked.Exchange(ref _systemHead, null);
        SystemMessage? reversed = null;
        while (head is not null)
        {
            var next = head.Next;
            head.Next = reversed;
            reversed = head;
            head = next;
        }
        return reversed;
    }

    /// <summary>Marks the mailbox scheduled; true when the caller won and must hand it to a dispatcher.</summary>
    public bool TrySetScheduled()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & (Scheduled | Closed)) != 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _status, s | Scheduled, s) == s)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// On a closed mailbox, takes the scheduled flag so the caller may drain late messages to dead
    /// letters; false when another thread holds it (that thread drains) or the mailbox is open.
    /// </summary>
    public bool TryAcquireClosed()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & Closed) == 0 || (s & Scheduled) != 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _status, s | Scheduled, s) == s)
            {
                return true;
            }
        }
    }

    /// <summary>Whether a run would do anything: system messages, or user messages while not suspended.</summary>
    public bool CanBeScheduled(bool hasUserMessages, bool hasSystemMessages)
    {
        var s = Volatile.Read(ref _status);
        if ((s & Closed) != 0)
        {
            return false;
        }
        return hasSystemMessages || (hasUserMessages && s < SuspendUnit);
    }

    public void SetIdle() => Interlocked.And(ref _status, ~Scheduled);

    /// <summary>Forgets the scheduled flag of a run that will never finish (an abandoned cooperative thread).</summary>
    public void ForceIdle() => SetIdle();

    public void SuspendOnce() => Interlocked.Add(ref _status, SuspendUnit);

    /// <summary>Undoes one suspension; true when the mailbox is no longer suspended.</summary>
    public bool ResumeOnce()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (s < SuspendUnit)
            {
                return true;
            }
            var n = s - SuspendUnit;
            if (Interlocked.CompareExchange(ref _status, n, s) == s)
            {
                return n < SuspendUnit;
            }
        }
    }

    /// <summary>Clears all suspensions (used when a restart brings the actor back).</summary>
    public void ResumeAll()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (Interlocked.CompareExchange(ref _status, s & (Scheduled | Closed), s) == s)
            {
                return;
            }
        }
    }

    public void Close() => Interlocked.Or(ref _status, Closed);

    /// <summary>Runs the mailbox on the thread pool (dispatchers that use the pool queue the mailbox itself).</summary>
    public void Execute() => Dispatcher.RunFromPool(this);
}
