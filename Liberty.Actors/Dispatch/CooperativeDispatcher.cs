using System.Collections.Concurrent;
using Liberty.Actors.Events;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Dispatch;

/// <summary>
/// Many actors, one dedicated OS thread: the node's scheduler for task threads.
/// </summary>
/// <remarks>
/// <para><b>The cooperative contract</b> (every API that runs on this dispatcher links here):</para>
/// <list type="number">
/// <item>One OS thread runs every actor of this dispatcher; at most one handler runs at any moment.
/// Code between two yields therefore runs without interference from other actors on this dispatcher
/// (the "free critical section" of cooperative kernels).</item>
/// <item>Code here <b>never blocks</b> the thread (no <c>.Result</c>, <c>.Wait()</c>, locks held across
/// waits, blocking I/O). It yields only by returning from a handler or at an <c>await</c>: the
/// dispatcher installs a <see cref="SynchronizationContext"/>, so an <c>await</c> resumes on this
/// thread as a new slice.</item>
/// <item>Ready work runs round-robin in arrival order: each turn runs one message of one actor
/// (throughput 1 by default) or one posted continuation, then the next ready item runs; an actor with
/// more messages goes to the back of the line. A wake that happens during a slice takes effect after it:
/// nothing is re-entered.</item>
/// <item>Wakes can be spurious (a timer race, a cancelled subscription): every waiter re-checks its
/// condition, so a spurious wake changes nothing visible.</item>
/// <item>With nothing ready the thread runs the <see cref="IdleHook"/> once and sleeps until work
/// arrives: an idle node uses no CPU.</item>
/// <item>Each slice's start and end are observable (<see cref="Observer"/>, <see cref="TryGetCurrentSlice"/>).
/// A watchdog that finds a slice running too long can <see cref="TryAbandon">abandon</see> the
/// thread: a fresh thread takes over the ready queue, the stuck actor's later continuations are
/// discarded, and the stuck thread exits quietly if its code ever returns. .NET cannot abort a thread,
/// so abandoning leaks the stuck thread until its code returns; the owner of the stuck actor should stop it.</item>
/// </list>
/// </remarks>
public sealed class CooperativeDispatcher : MessageDispatcher, IDisposable
{
    /// <summary>The id of the cooperative dispatcher every system creates on first use.</summary>
    public const string DefaultId = "cooperative";

    [ThreadStatic]
    private static CooperativeDispatcher? t_owner;

    [ThreadStatic]
    private static int t_generation;

    // Ready work: Mailbox or PostedWork items. Any thread enqueues; only the current loop thread dequeues.
    private readonly ConcurrentQueue<object> _ready = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _abandonLock = new();
    private readonly string _threadName;

    // 1 while the loop is about to sleep or sleeping; producers that swap it to 0 release _wake.
    private int _sleeping;

    // Bumped by TryAbandon and Dispose; a loop thread whose generation is stale exits.
    private int _generation;

    // The running slice, published with a sequence lock: _sliceVersion is odd while being written.
    // Written by the loop thread only; read by any thread through TryGetCurrentSlice.
    private long _sliceVersion;
    private long _sliceId;
    private IActorRef? _sliceActor;
    private long _sliceStart;
    private Mailbox? _sliceMailbox;
    private long _lastSliceId;

    // Statistics: written by the loop thread, read anywhere (torn reads of longs are not a concern on x64).
    private long _slices;
    private long _busyTicks;
    private long _longestSliceTicks;

    private bool _disposed;

    /// <summary>Creates the dispatcher and starts its thread.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="throughput">Messages per actor per turn (default 1: strict round-robin).</param>
    /// <param name="threadName">The OS thread's name.</param>
    public CooperativeDispatcher(string id = DefaultId, int throughput = 1, string threadName = "liberty-cooperative")
        : base(id, throughput, null)
    {
        _threadName = threadName;
        SynchronizationContext = new CooperativeSynchronizationContext(this);
        StartThread(0);
    }

    /// <summary>Posts continuations onto this dispatcher's thread; installed on that thread.</summary>
    public SynchronizationContext SynchronizationContext { get; }

    /// <summary>Told of every slice's start and end. Set before work arrives; read on the cooperative thread.</summary>
    public ICooperativeSliceObserver? Observer { get; set; }

    /// <summary>Runs on the cooperative thread each time it runs out of ready work, before sleeping. Must not block.</summary>
    public Action? IdleHook { get; set; }

    /// <summary>The OS thread currently running the loop (changes after <see cref="TryAbandon"/>).</summary>
    public Thread Thread { get; private set; } = null!;

    /// <summary>How many threads have been abandoned so far.</summary>
    public int AbandonedThreads => Volatile.Read(ref _generation) - (_disposed ? 1 : 0);

    /// <summary>True when called from the current loop thread.</summary>
    public bool IsOnDispatcherThread => ReferenceEquals(t_owner, this) && t_generation == Volatile.Read(ref _generation);

    /// <summary>Slices run so far.</summary>
    public long SliceCount => Volatile.Read(ref _slices);

    /// <summary>Total time spent inside slices, in timestamp units of the system's time provider.</summary>
    public long BusyTimestampTicks => Volatile.Read(ref _busyTicks);

    /// <summary>The longest slice so far, in timestamp units.</summary>
    public long LongestSliceTimestampTicks => Volatile.Read(ref _longestSliceTicks);

    /// <summary>Ready items waiting for the thread (approximate).</summary>
    public int ReadyCount => _ready.Count;

    internal override bool IsRunAbandoned => ReferenceEquals(t_owner, this) && t_generation != Volatile.Read(ref _generation);

    /// <summary>Reads the slice running now, if any (from any thread).</summary>
    /// <param name="slice">The running slice.</param>
    /// <returns>False when the thread is between slices or idle.</returns>
    public bool TryGetCurrentSlice(out CooperativeSlice slice)
    {
        while (true)
        {
            var v1 = Volatile.Read(ref _sliceVersion);
            if ((v1 & 1) != 0)
            {
                Thread.SpinWait(1);
                continue;
            }
            var id = Volatile.Read(ref _sliceId);
            var actor = Volatile.Read(ref _sliceActor);
            var start = Volatile.Read(ref _sliceStart);
            if (Volatile.Read(ref _sliceVersion) != v1)
            {
                continue;
            }
            slice = new CooperativeSlice(id, actor, start);
            return id != 0;
        }
    }

    /// <summary>
    /// Gives up on the thread running slice <paramref name="sliceId"/>: a fresh thread takes over the
    /// ready queue at once. The stuck actor's mailbox is released so it can be stopped from the new
    /// thread, and its later continuations are discarded. Call from a thread other than the cooperative one.
    /// </summary>
    /// <param name="sliceId">The id of the slice found running too long.</param>
    /// <returns>False when that slice has already ended (nothing was done).</returns>
    public bool TryAbandon(long sliceId)
    {
        lock (_abandonLock)
        {
            if (_disposed || !TryGetCurrentSlice(out var slice) || slice.Id != sliceId)
            {
                return false;
            }
            var mailbox = Volatile.Read(ref _sliceMailbox);
            var generation = Interlocked.Increment(ref _generation);
            // The stuck thread will never publish the slice's end; clear it for readers.
            PublishSlice(0, null, 0, null);
            if (mailbox is not null)
            {
                mailbox.Cell.MarkAbandoned();
                mailbox.ForceIdle();
            }
            StartThread(generation);
            if (mailbox is not null && mailbox.CanBeScheduled(mailbox.Cell.HasUserMessages, mailbox.HasSystemMessages))
            {
                TrySchedule(mailbox);
            }
            return true;
        }
    }

    internal override void Schedule(Mailbox mailbox) => Enqueue(mailbox);

    // A posted callback is tagged with the actor whose code posted it, so an abandoned actor's later
    // continuations are dropped. A mailbox run (a SynchronizationContextDispatcher over this context)
    // is not the posting actor's continuation: it must run even if that actor stops or is abandoned,
    // and it deals with an abandoned mailbox itself.
    internal void Post(SendOrPostCallback callback, object? state) =>
        Enqueue(new PostedWork(callback, state, state is Mailbox ? null : ActorCell.Current));

    private void Enqueue(object item)
    {
        _ready.Enqueue(item);
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Release();
        }
    }

    private void StartThread(int generation)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = generation == 0 ? _threadName : $"{_threadName}#{generation}" };
        Thread = thread;
        thread.Start(generation);
    }

    private void Loop(object? state)
    {
        var generation = (int)state!;
        t_owner = this;
        t_generation = generation;
        SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        while (Volatile.Read(ref _generation) == generation)
        {
            if (!_ready.TryDequeue(out var item))
            {
                try
                {
                    IdleHook?.Invoke();
                }
#pragma warning disable CA1031 // The loop must survive a faulty hook; the fault is reported on the event stream.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    ReportError(ex, "idle hook");
                }
                Interlocked.Exchange(ref _sleeping, 1);
                if (_ready.IsEmpty && Volatile.Read(ref _generation) == generation)
                {
                    _wake.Wait();
                }
                else
                {
                    Interlocked.Exchange(ref _sleeping, 0);
                }
                continue;
            }
            RunSlice(item, generation);
        }
    }

    private void RunSlice(object item, int generation)
    {
        var mailbox = item as Mailbox;
        var work = mailbox is null ? (PostedWork)item : null;
        var actor = mailbox?.Cell.Self ?? work!.Cell?.Self;
        var start = Time.GetTimestamp();
        var id = ++_lastSliceId;
        PublishSlice(id, actor, start, mailbox);
        var slice = new CooperativeSlice(id, actor, start);
        NotifyStarted(slice);
        try
        {
            if (mailbox is not null)
            {
                Run(mailbox);
            }
            else
            {
                work!.Run(this);
            }
        }
        finally
        {
            if (Volatile.Read(ref _generation) == generation)
            {
                PublishSlice(0, null, 0, null);
                var end = Time.GetTimestamp();
                var elapsed = end - start;
                _slices++;
                _busyTicks += elapsed;
                if (elapsed > _longestSliceTicks)
                {
                    _longestSliceTicks = elapsed;
                }
                NotifyEnded(slice, end);
            }
        }
    }

    private void PublishSlice(long id, IActorRef? actor, long start, Mailbox? mailbox)
    {
        Interlocked.Increment(ref _sliceVersion);
        Volatile.Write(ref _sliceId, id);
        Volatile.Write(ref _sliceActor, actor);
        Volatile.Write(ref _sliceStart, start);
        Volatile.Write(ref _sliceMailbox, mailbox);
        Interlocked.Increment(ref _sliceVersion);
    }

    private void NotifyStarted(in CooperativeSlice slice)
    {
        var observer = Observer;
        if (observer is null)
        {
            return;
        }
        try
        {
            observer.SliceStarted(slice);
        }
#pragma warning disable CA1031 // An observer must not take the scheduler down; the fault is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReportError(ex, "slice observer");
        }
    }

    private void NotifyEnded(in CooperativeSlice slice, long end)
    {
        var observer = Observer;
        if (observer is null)
        {
            return;
        }
        try
        {
            observer.SliceEnded(slice, end);
        }
#pragma warning disable CA1031 // An observer must not take the scheduler down; the fault is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReportError(ex, "slice observer");
        }
    }

    internal void ReportError(Exception ex, string what) =>
        ErrorSink?.Invoke(new LogEvent(LogLevel.Error, $"{Id} dispatcher", typeof(CooperativeDispatcher), $"Unhandled exception in {what}: {ex.Message}", ex));

    /// <summary>Where faults in hooks and bare continuations are reported; set by the owning system.</summary>
    internal Action<LogEvent>? ErrorSink { get; set; }

    /// <summary>Stops the thread after its current slice; later work is not run.</summary>
    public void Dispose()
    {
        lock (_abandonLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            Interlocked.Increment(ref _generation);
        }
        _wake.Release();
    }

    private sealed class PostedWork(SendOrPostCallback callback, object? state, ActorCell? cell)
    {
        public ActorCell? Cell { get; } = cell;

        public void Run(CooperativeDispatcher dispatcher)
        {
            if (Cell is { IsAbandonedOrTerminated: true })
            {
                return;
            }
            try
            {
                callback(state);
            }
#pragma warning disable CA1031 // A bare continuation has nobody to fail to; report it and keep scheduling.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                dispatcher.ReportError(ex, "posted continuation");
            }
        }
    }

    private sealed class CooperativeSynchronizationContext(CooperativeDispatcher dispatcher) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => dispatcher.Post(d, state);

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (dispatcher.IsOnDispatcherThread)
            {
                d(state);
                return;
            }
            throw new InvalidOperationException("Send onto the cooperative thread would block the caller; use Post.");
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
