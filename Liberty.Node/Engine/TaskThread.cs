using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Event;
using Liberty.Actors;
using Liberty.Actors.Cooperative;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;
using SysTask = System.Threading.Tasks.Task;

namespace Liberty.Node.Engine;

/// <summary>
/// One task thread: what <see cref="ITaskContext.NewThread"/> returns and what posts, watches and interrupts
/// take (valid after the thread ended: it then answers <see cref="IsEnded"/>), and the <see cref="ITaskContext"/>
/// its own code gets. The code runs on the thread's own <see cref="CooperativeContext"/> of the node's
/// <see cref="CooperativeExecutor"/> (whose contract it follows); its actor (<see cref="ActorRef"/>) only
/// moves messages from other actors into <see cref="Queue"/>.
/// </summary>
/// <remarks>
/// <para><b>Events.</b> The thread's own bounded queue (E1). Posters, the device bus (this thread is an
/// <see cref="IDeviceEventSink"/>), timers and the actor put events in directly from any thread and are told
/// when it is full; <see cref="GetEvent"/> pops it.</para>
/// <para><b>Waits.</b> A wait creates a <see cref="TaskCompletionSource{T}"/> with asynchronous
/// continuations and completes it from whatever wakes it (its deadline, which the executor's runner
/// checks between slices; a poster; an interrupt; a stop). The <c>await</c> captured the thread's context,
/// so the continuation is posted to the executor and runs as a new slice, after the slice that woke it
/// (S3), behind the work that became ready before (S2). A yield is the same post with nothing to wait for.</para>
/// <para><b>Fields.</b> Unless marked otherwise a field is written and read only by the thread's own
/// code on the cooperative thread. Fields marked "any thread" are touched with <see cref="Interlocked"/>
/// or <see cref="Volatile"/>.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_stopping never uses CancelAfter, so it holds no timer or handle to release; disposing it would race late registrations.")]
public sealed partial class TaskThread : ITaskContext, IDeviceEventSink
{
    private readonly TaskHost _host;
    private readonly Func<ITaskContext, Task> _entry;

    // Cancelled once when the thread is being stopped (any thread); StopSignal completes at the same time.
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Must-deliver events (TIMER, EXITED, EXIT) that found the queue full (T3): any thread enqueues,
    // the thread's own code dequeues. Bounded by the number of timers and watches of the thread.
    private readonly ConcurrentQueue<EngineEvent> _overflow = new();

    // Watchers of this thread (E7); guarded by _watchLock; null once the thread ended.
    private readonly Lock _watchLock = new();
    private HashSet<TaskThread>? _watchers = [];

    // Timers owned by this thread (T4); guarded by _timerLock (the watchdog may end the thread).
    private readonly Lock _timerLock = new();
    private readonly List<EngineTimer> _timers = [];

    private bool _initPending;
    private Func<PostedEvent, object?>? _syncHandler;

    // Any thread: 1 while an event wait is armed; the waiter it wakes.
    private int _eventWakeArmed;
    private TaskCompletionSource<WakeReason>? _eventWaiter;

    // Any thread: the POLL flag (E5), the pending-interrupt flag (I1), the open region's wake.
    private int _pollPending;
    private int _wakePending;
    private int _interruptPending;
    private TaskCompletionSource? _regionInterrupt;

    // Any thread: events that arrived (queued or deferred), counted for the freshness rule of waits (E11).
    private long _arrivals;

    // Own code: the arrivals the last wait had seen when it returned, and whether an event was taken since.
    private long _arrivalsSeen;
    private bool _takenSinceWait;

    // Any thread: a ThreadOutcome once ended; statistics.
    private int _outcome;
    private long _queueFull;
    private long _droppedAtEnd;

    internal TaskThread(TaskHost host, TaskRun task, int id, Func<ITaskContext, Task> entry, ThreadStartOptions options)
    {
        _host = host;
        Task = task;
        Id = id;
        _entry = entry;
        Options = options;
        _initPending = options.SystemEvents;
        Queue = new EventQueue(host.Options.EventQueueCapacity);
        Context = host.Executor.CreateContext(this, task);
    }

    /// <summary>The thread's event queue (E1).</summary>
    internal EventQueue Queue { get; }

    /// <summary>Where the thread's code runs: every await resumes through it.</summary>
    internal CooperativeContext Context { get; }

    /// <inheritdoc />
    public int Id { get; }

    /// <inheritdoc />
    public TaskRun Task { get; }

    internal ThreadStartOptions Options { get; }

    /// <summary>
    /// The thread's actor: messages told to it (a device's reply to a command) go into the thread's event queue.
    /// Set by the host right after creating the thread, before it first runs.
    /// </summary>
    public IActorRef ActorRef { get; internal set; } = ActorRefs.Nobody;

    /// <inheritdoc />
    public ThreadOutcome Outcome => (ThreadOutcome)Volatile.Read(ref _outcome);

    /// <inheritdoc />
    public bool IsEnded => Volatile.Read(ref _outcome) != 0;

    internal bool IsStopRequested => _stopping.IsCancellationRequested;

    /// <inheritdoc />
    public long QueueFullCount => Interlocked.Read(ref _queueFull);

    /// <inheritdoc />
    public long DroppedAtEnd => Interlocked.Read(ref _droppedAtEnd);

    /// <summary>Completes when the thread is being stopped.</summary>
    internal Task StopSignal => _stopSignal.Task;

    /// <summary>The thread whose code runs now on this OS thread, if any.</summary>
    internal static TaskThread? Current => SynchronizationContext.Current is CooperativeContext { Owner: TaskThread thread } ? thread : null;

    /// <summary>The running thread, or an exception naming <paramref name="api"/>.</summary>
    internal static TaskThread RequireCurrent(string api) =>
        Current ?? throw new InvalidOperationException($"{api} must be called from a task thread's own code (and never after ConfigureAwait(false)).");

    TaskThread ITaskContext.Thread => this;

    /// <inheritdoc />
    public TimeProvider Time => _host.Time;

    /// <inheritdoc />
    public CancellationToken Stopping => _stopping.Token;

    // True when something would make Wait return: INIT, POLL, a wake, or queued events that are fresh (E11): some
    // arrived since the last wait returned, or the thread took one since (it is draining them).
    private bool HasEvents => _initPending || Volatile.Read(ref _wakePending) != 0 || Volatile.Read(ref _pollPending) != 0
        || ((Queue.Count > 0 || !_overflow.IsEmpty) && (_takenSinceWait || Volatile.Read(ref _arrivals) != _arrivalsSeen));

    // Own code, as every wait returns: what is queued now has been announced (E11).
    private void EndWait()
    {
        Interlocked.Exchange(ref _wakePending, 0);
        _arrivalsSeen = Volatile.Read(ref _arrivals);
        _takenSinceWait = false;
    }

    /// <summary>Starts the thread's code as a new slice on its context, behind the work ready now.</summary>
    internal void Start() => Context.Post(static s => _ = ((TaskThread)s!).RunAsync(), this);

    // The thread's life. Runs on its context (Start), so every await in the code resumes there.
    private async Task RunAsync()
    {
        var outcome = ThreadOutcome.Returned;
        string? reason = null;
        try
        {
            await _entry(this).ConfigureAwait(true);
        }
        catch (ThreadExitException)
        {
            outcome = ThreadOutcome.Returned;
        }
        catch (OperationCanceledException) when (IsStopRequested)
        {
            outcome = ThreadOutcome.Stopped;
        }
#pragma warning disable CA1031 // A task's uncaught exception ends the task in Error; it is logged and kept as the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = ThreadOutcome.Failed;
            reason = $"{ex.GetType().Name}: {ex.Message}";
            _host.Log.ThreadFailed(ex, Id, Task.Id, Task.Name);
        }
        if (outcome == ThreadOutcome.Returned && IsStopRequested)
        {
            outcome = ThreadOutcome.Stopped;
        }
        End(outcome, reason);
    }

    /// <inheritdoc />
    public override string ToString() => $"thread {Id} of task {Task.Id}";

    /// <summary>The props of the thread's actor, on the cooperative dispatcher.</summary>
    internal Props ActorProps() => Props.Create(() => new Actor(this)).WithDispatcher(LibertyActorSystem.CooperativeDispatcherId);

    /// <summary>A message the thread's actor received: into the queue, or dropped and counted when full (E10).</summary>
    private void Accept(object message)
    {
        if (message is EngineEvent e)
        {
            DeliverSystemEvent(e);
        }
        else if (!TryQueue(message))
        {
            CountFull(message);
        }
    }

    /// <summary>The device bus's delivery (E10): false when the queue was full (the bus counts the drop, per subscriber).</summary>
    public bool TryDeliver(DeviceEvent deviceEvent) => TryQueue(deviceEvent);

    private bool TryQueue(object item)
    {
        if (IsEnded || !Queue.TryEnqueue(item))
        {
            return false;
        }
        Interlocked.Increment(ref _arrivals);
        FireEventWake();
        return true;
    }

    private void CountFull(object message)
    {
        var full = Interlocked.Increment(ref _queueFull);
        if ((full & (full - 1)) == 0)
        {
            // Rate limit: the 1st, 2nd, 4th, 8th ... refusal is logged.
            _host.Log.QueueFull(Id, Task.Id, message is PostedEvent posted ? posted.Number : 0, message is PostedEvent { From: { } from } ? from.Id : 0, full);
        }
    }

    /// <summary>Ends the thread once (its code returned, failed, or the watchdog killed it). Any thread.</summary>
    internal void End(ThreadOutcome outcome, string? reason)
    {
        if (Interlocked.CompareExchange(ref _outcome, (int)outcome, 0) != 0)
        {
            return;
        }
        RequestStopCore();
        lock (_timerLock)
        {
            foreach (var timer in _timers)
            {
                timer.Remove();
            }
            _timers.Clear();
        }
        // E8: what is still queued becomes dead letters (counted, and published like Akka's own).
        // Counted before they are published: whoever sees a dead letter sees the count too.
        List<object>? dropped = null;
        while (Queue.TryDequeue(out var queued))
        {
            (dropped ??= []).Add(queued);
        }
        while (_overflow.TryDequeue(out var deferred))
        {
            (dropped ??= []).Add(deferred);
        }
        if (dropped is not null)
        {
            Interlocked.Exchange(ref _droppedAtEnd, dropped.Count);
            foreach (var message in dropped)
            {
                _host.System.EventStream.Publish(new DeadLetter(message, ActorRefs.Nobody, ActorRef));
            }
        }
        _host.System.Stop(ActorRef);
        HashSet<TaskThread>? watchers;
        lock (_watchLock)
        {
            watchers = _watchers;
            _watchers = null;
        }
        if (watchers is not null)
        {
            var exited = new ThreadExitedEvent(this, outcome, reason);
            foreach (var watcher in watchers)
            {
                watcher.DeliverSystemEvent(exited);
            }
        }
        _host.OnThreadEnded(this, outcome, reason);
    }

    /// <summary>Stops the thread: its waits throw <see cref="ThreadStoppedException"/> (I5). Any thread.</summary>
    internal void RequestStop()
    {
        if (IsEnded || IsStopRequested)
        {
            return;
        }
        if (Options.SystemEvents)
        {
            DeliverSystemEvent(ExitEvent.Instance);
        }
        RequestStopCore();
    }

    private void RequestStopCore()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException ex)
        {
            _host.Log.StopCallbackFailed(ex, Id);
        }
        // An event wait (Park with wakeOnEvent) has no stop registration: wake it here.
        Volatile.Read(ref _eventWaiter)?.TrySetResult(WakeReason.Yielded);
        _stopSignal.TrySetResult();
    }

    /// <summary>Queues an event that must not be lost (TIMER, EXITED, EXIT): a full queue defers it (T3). Any thread.</summary>
    internal void DeliverSystemEvent(EngineEvent e)
    {
        if (IsEnded)
        {
            return;
        }
        if (_overflow.IsEmpty && TryQueue(e))
        {
            return;
        }
        _overflow.Enqueue(e);
        Interlocked.Increment(ref _arrivals);
        FireEventWake();
    }

    /// <summary>Async post into this thread's queue (E2). Any thread.</summary>
    internal PostResult TryPost(PostedEvent e)
    {
        if (IsEnded)
        {
            return PostResult.Ended;
        }
        if (TryQueue(e))
        {
            return PostResult.Ok;
        }
        if (IsEnded)
        {
            return PostResult.Ended;
        }
        CountFull(e);
        return PostResult.Full;
    }

    /// <summary>Marks the thread "needs poll" (E5). Any thread.</summary>
    internal void RequestPoll()
    {
        Interlocked.Exchange(ref _pollPending, 1);
        FireEventWake();
    }

    /// <summary>
    /// <c>Libertas_NotifyThread</c>: makes the thread's current or next <c>Wait</c>/<c>WaitUntil</c> return
    /// early without queueing an event; several wakes before it is seen are one. Any thread.
    /// </summary>
    internal void RequestWake()
    {
        Interlocked.Exchange(ref _wakePending, 1);
        FireEventWake();
    }

    /// <summary>Sets the pending-interrupt flag (I1) and wakes an open region. Any thread.</summary>
    internal void RequestInterrupt()
    {
        Interlocked.Exchange(ref _interruptPending, 1);
        Volatile.Read(ref _regionInterrupt)?.TrySetResult();
    }

    /// <summary>Adds a watcher (E7); delivers at once when this thread has ended. Any thread.</summary>
    internal void AddWatcher(TaskThread watcher)
    {
        lock (_watchLock)
        {
            if (_watchers is not null)
            {
                _watchers.Add(watcher);
                return;
            }
        }
        watcher.DeliverSystemEvent(new ThreadExitedEvent(this, Outcome, null));
    }

    internal void AddTimer(EngineTimer timer)
    {
        lock (_timerLock)
        {
            _timers.Add(timer);
        }
    }

    internal void RemoveTimer(EngineTimer timer)
    {
        lock (_timerLock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Throws unless the calling code is this thread's own.</summary>
    internal void RequireOwnCode([CallerMemberName] string api = "")
    {
        if (!ReferenceEquals(Current, this))
        {
            throw new InvalidOperationException($"{api} of thread {Id} must be called from that thread's own code (and never after ConfigureAwait(false)).");
        }
    }

    internal void ThrowIfStopped()
    {
        if (IsStopRequested)
        {
            throw new ThreadStoppedException($"Thread {Id} of task {Task.Id} is being stopped.");
        }
    }

    private void FireEventWake()
    {
        if (Volatile.Read(ref _eventWakeArmed) == 1 && Interlocked.Exchange(ref _eventWakeArmed, 0) == 1)
        {
            Volatile.Read(ref _eventWaiter)?.TrySetResult(WakeReason.Event);
        }
    }

    private void ArmEventWake(TaskCompletionSource<WakeReason> waiter)
    {
        Volatile.Write(ref _eventWaiter, waiter);
        Interlocked.Exchange(ref _eventWakeArmed, 1);
        if (HasEvents)
        {
            FireEventWake();
        }
    }

    private void DisarmEventWake(TaskCompletionSource<WakeReason> waiter)
    {
        Interlocked.Exchange(ref _eventWakeArmed, 0);
        Interlocked.CompareExchange(ref _eventWaiter, null, waiter);
    }

    /// <summary>
    /// Parks the thread until <paramref name="deadline"/>, an event (when <paramref name="wakeOnEvent"/>),
    /// a stop (throws) or <paramref name="cancellationToken"/> (throws).
    /// </summary>
    private async Task<WakeReason> Park(DateTimeOffset? deadline, bool wakeOnEvent, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource<WakeReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        ITimer? timer = null;
        if (deadline is { } d)
        {
            var due = d - Time.GetUtcNow();
            if (due <= TimeSpan.Zero)
            {
                return WakeReason.Deadline;
            }
            timer = CreateTimer(static s => ((TaskCompletionSource<WakeReason>)s!).TrySetResult(WakeReason.Deadline), waiter, due);
        }
        // An event wait needs no stop registration: RequestStopCore wakes the armed event waiter, and
        // the check after arming closes the race with a stop that came before (both sides fence).
        var stopRegistration = wakeOnEvent
            ? default
            : _stopping.Token.UnsafeRegister(static s => ((TaskCompletionSource<WakeReason>)s!).TrySetResult(WakeReason.Yielded), waiter);
        var cancelRegistration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (s, token) => ((TaskCompletionSource<WakeReason>)s!).TrySetCanceled(token), waiter)
            : default;
        if (wakeOnEvent)
        {
            ArmEventWake(waiter);
            if (_stopping.IsCancellationRequested)
            {
                waiter.TrySetResult(WakeReason.Yielded);
            }
        }
        WakeReason reason;
        try
        {
            reason = await waiter.Task.ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (IsStopRequested)
        {
            throw new ThreadStoppedException($"Thread {Id} of task {Task.Id} is being stopped.");
        }
        finally
        {
            timer?.Dispose();
            stopRegistration.Unregister();
            cancelRegistration.Unregister();
            if (wakeOnEvent)
            {
                DisarmEventWake(waiter);
            }
        }
        ThrowIfStopped();
        return reason;
    }

    /// <summary>
    /// A one-shot timer for this thread's waits: served by the cooperative executor's runner on the real clock (no
    /// thread-pool hop, no coarse timer tick), the clock's own timer on a virtual one. The callback runs between
    /// slices and only completes a wake (<see cref="CooperativeExecutor.CreateTimer"/>).
    /// </summary>
    internal ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime) => _host.Executor.CreateTimer(callback, state, dueTime);

    /// <summary>Awaits a one-shot wake from a shared primitive (Notify, Mutex, queue), honouring stop and cancellation.</summary>
    internal async Task AwaitWake(Task wake, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        if (!wake.IsCompleted)
        {
            if (cancellationToken.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var registration = cancellationToken.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);
                try
                {
                    await SysTask.WhenAny(wake, StopSignal, cancelled.Task).ConfigureAwait(true);
                }
                finally
                {
                    registration.Unregister();
                }
            }
            else
            {
                await SysTask.WhenAny(wake, StopSignal).ConfigureAwait(true);
            }
        }
        ThrowIfStopped();
        if (!wake.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task YieldCore()
    {
        await SysTask.Yield();
        ThrowIfStopped();
    }

    /// <summary>
    /// The thread's actor: what other actors (device actors replying to a command, the cluster) address the
    /// thread by. It moves every message into the thread's event queue; the thread's code does not run inside it.
    /// </summary>
    private sealed class Actor : ReceiveActor
    {
        public Actor(TaskThread thread) => ReceiveAny(thread.Accept);
    }
}
