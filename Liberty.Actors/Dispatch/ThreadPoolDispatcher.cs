namespace Liberty.Actors.Dispatch;

/// <summary>
/// The default dispatcher: mailboxes run on the .NET thread pool.
/// </summary>
/// <remarks>
/// <b>Hand-off slot.</b> When an actor running on a pool thread wakes an idle actor of the same
/// dispatcher (the common request/reply case), the woken mailbox is kept in a per-thread slot and run
/// on the same thread as soon as the current run ends, instead of going through the pool's queues and
/// waking another core. A later wake displaces the slot's mailbox to the pool. At most
/// <see cref="MaxHandoffs"/> runs are chained this way before the rest goes back to the pool, so one
/// busy pair cannot monopolise a thread. Consequence for actor code: never block a pool thread waiting
/// for another actor (that is a deadlock risk on any dispatcher, and this one makes it certain).
/// </remarks>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    /// <summary>The default throughput (as Akka.NET's default dispatcher).</summary>
    public const int DefaultThroughput = 30;

    /// <summary>Runs chained through the hand-off slot before yielding the thread back to the pool.</summary>
    public const int MaxHandoffs = 64;

    [ThreadStatic]
    private static ThreadPoolDispatcher? t_running;

    [ThreadStatic]
    private static Mailbox? t_slot;

    /// <summary>Creates a thread-pool dispatcher.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="throughput">User messages per run (default <see cref="DefaultThroughput"/>).</param>
    /// <param name="throughputDeadline">Longest run; null for none.</param>
    public ThreadPoolDispatcher(string id, int throughput = DefaultThroughput, TimeSpan? throughputDeadline = null)
        : base(id, throughput, throughputDeadline)
    {
    }

    internal override void Schedule(Mailbox mailbox)
    {
        if (ReferenceEquals(t_running, this))
        {
            var previous = t_slot;
            t_slot = mailbox;
            if (previous is not null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(previous, preferLocal: true);
            }
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
    }

    internal override void Reschedule(Mailbox mailbox)
    {
        if (ReferenceEquals(t_running, this))
        {
            if (t_slot is null)
            {
                t_slot = mailbox;
            }
            else
            {
                // The slot's mailbox was woken during this run: it goes first (fairness), this one behind it.
                ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: true);
            }
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
    }

    internal override void RunFromPool(Mailbox mailbox)
    {
        var outer = t_running;
        t_running = this;
        try
        {
            Run(mailbox);
            var handoffs = 0;
            while (t_slot is { } next)
            {
                t_slot = null;
                if (++handoffs > MaxHandoffs)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
                    break;
                }
                Run(next);
            }
        }
        finally
        {
            t_running = outer;
            // Never strand a woken mailbox in the slot (it is marked scheduled and would never run again).
            if (t_slot is { } stranded)
            {
                t_slot = null;
                ThreadPool.UnsafeQueueUserWorkItem(stranded, preferLocal: false);
            }
        }
    }
}
