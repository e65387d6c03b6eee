using System.Collections.Concurrent;
using Akka.Actor;
using Liberty.Actors;
using Liberty.Actors.Cooperative;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Engine;

/// <summary>
/// Runs tasks on the node's cooperative executor: starts tasks and threads (each thread an actor on the
/// cooperative dispatcher, with its own bounded event queue), routes posts, broadcasts, polls and
/// interrupts, allocates event numbers, and owns the <see cref="Watchdog"/>. No persistence: a TaskManager
/// builds on this.
/// </summary>
/// <remarks>
/// <b>Thread:</b> every public member may be called from any thread. <b>Ordering:</b> a thread started
/// from a task thread first runs after the starting slice (S3).
/// </remarks>
public sealed class TaskHost : IDisposable
{
    [ThreadStatic]
    private static List<TaskThread>? t_syncChain;

    private readonly ConcurrentDictionary<long, TaskRun> _tasks = new();
    private readonly Lock _broadcastLock = new();
    private readonly Watchdog _watchdog;

    // Guarded by _broadcastLock: subscribers in start order (ids grow with start order).
    private readonly SortedList<int, TaskThread> _broadcast = [];

    private int _nextThreadId;
    private long _nextTaskId;
    private long _nextEventNumber;

    /// <summary>Creates a host.</summary>
    /// <param name="system">The actor system, made by <see cref="LibertyActorSystem"/> (its cooperative executor and clock are used).</param>
    /// <param name="options">Options (validated); null for the defaults.</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <exception cref="InvalidOperationException">The system has no cooperative executor.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TaskHost(ActorSystem system, EngineOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Options = options ?? new EngineOptions();
        Options.Validate();
        System = system;
        Executor = LibertyActorSystem.Executor(system);
        Time = LibertyActorSystem.Clock(system);
        Log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaskHost>();
        _nextEventNumber = Options.FirstUserEventNumber;
        _watchdog = new Watchdog(this, Executor, Options);
    }

    /// <summary>The options in force.</summary>
    public EngineOptions Options { get; }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The clock (the system's <see cref="TimeProvider"/>).</summary>
    public TimeProvider Time { get; }

    /// <summary>The cooperative executor every task thread runs on.</summary>
    public CooperativeExecutor Executor { get; }

    /// <summary>The tasks started on this host (ended ones included).</summary>
    public IReadOnlyCollection<TaskRun> Tasks => [.. _tasks.Values];

    internal ILogger Log { get; }

    /// <summary>Starts a task whose first thread runs <paramref name="entry"/>.</summary>
    /// <param name="name">A name for people and logs.</param>
    /// <param name="entry">The first thread's code.</param>
    /// <param name="options">The first thread's start options; null for the defaults.</param>
    /// <param name="configure">Runs with the new task before its first thread can run (the first slice may
    /// start on the cooperative thread before this method returns): where a front end attaches its state.</param>
    /// <param name="id">The task's id: the front end's own (the task manager's, so one task has one id everywhere), or
    /// null for the next free one. A new run of a task may reuse its id; ids the host hands out stay above every given one.</param>
    /// <returns>The task, <see cref="TaskState.Running"/>.</returns>
    public TaskRun StartTask(string name, Func<ITaskContext, Task> entry, ThreadStartOptions? options = null, Action<TaskRun>? configure = null, long? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(entry);
        var task = new TaskRun(this, id is { } given ? Reserve(given) : Interlocked.Increment(ref _nextTaskId), name);
        configure?.Invoke(task);
        _tasks[task.Id] = task;
        StartThread(task, entry, options ?? ThreadStartOptions.Default);
        return task;
    }

    // Keeps the ids the host hands out above a given one.
    private long Reserve(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        var seen = Interlocked.Read(ref _nextTaskId);
        while (seen < id)
        {
            var previous = Interlocked.CompareExchange(ref _nextTaskId, id, seen);
            if (previous == seen)
            {
                break;
            }
            seen = previous;
        }
        return id;
    }

    /// <summary>Stops a task by a user's request: <see cref="TaskState.Disabled"/> at once, every thread interrupted (I5).</summary>
    /// <param name="task">The task; nothing happens when it has ended already.</param>
    /// <param name="reason">Who stopped it (the task's reason while Disabled).</param>
    public void StopTask(TaskRun task, string reason = "stopped")
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Disable(reason);
    }

    /// <summary>Async post from outside any thread (E2): <see cref="PostedEvent.From"/> is null.</summary>
    /// <param name="to">The receiver.</param>
    /// <param name="eventNumber">The event number.</param>
    /// <param name="data">The data.</param>
    /// <returns>Ok, Full or Ended.</returns>
    public static PostResult Post(TaskThread to, int eventNumber, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        return to.TryPost(new PostedEvent(eventNumber, data, null));
    }

    /// <summary>Polls a thread from any OS thread (E5).</summary>
    /// <param name="thread">The thread.</param>
    public static void Poll(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.RequestPoll();
    }

    /// <summary>Interrupts a thread from any OS thread (I1).</summary>
    /// <param name="thread">The thread.</param>
    public static void Interrupt(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.RequestInterrupt();
    }

    /// <summary>Broadcast from outside any thread (E4).</summary>
    /// <param name="eventNumber">The event number.</param>
    /// <param name="data">The data.</param>
    /// <returns>Delivered and missed counts.</returns>
    public BroadcastResult Broadcast(int eventNumber, object? data = null) => Broadcast(eventNumber, data, null);

    /// <summary>Stops the watchdog. Tasks keep their state; stop them first if they should end.</summary>
    public void Dispose() => _watchdog.Dispose();

    internal TaskThread StartThread(TaskRun task, Func<ITaskContext, Task> entry, ThreadStartOptions options)
    {
        var id = Interlocked.Increment(ref _nextThreadId);
        var thread = new TaskThread(this, task, id, entry, options);
        if (!task.TryAddThread(thread))
        {
            throw new InvalidOperationException($"{task} is {task.State}: it cannot start threads.");
        }
        thread.ActorRef = System.ActorOf(thread.ActorProps(), $"task{task.Id}-thread{id}");
        if (options.Broadcasts)
        {
            SetBroadcastSubscription(thread, true);
        }
        thread.Start();
        return thread;
    }

    internal void OnThreadEnded(TaskThread thread, ThreadOutcome outcome, string? reason)
    {
        SetBroadcastSubscription(thread, false);
        thread.Task.OnThreadEnded(thread, outcome, reason);
    }

    internal void OnTaskEnded(TaskRun task, TaskState state) => Log.TaskEnded(task.Id, task.Name, state);

    /// <summary>
    /// The watchdog's kill of a thread whose slice cannot be cut (C# code, or Lua stuck inside C where no
    /// count hook runs). The hand-off already moved the other tasks to a fresh scheduler thread; the stuck
    /// slice keeps its OS thread until its code returns. Its task goes to Error, and every thread of the task
    /// ends here without running more of its code (it shares state with the stuck slice): their later
    /// continuations are dropped and their <c>finally</c> blocks do not run.
    /// </summary>
    internal void KillHungThread(TaskThread thread, TimeSpan elapsed)
    {
        var reason = string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $"killed by watchdog after {elapsed.TotalSeconds:0.0} s without yielding in thread {thread.Id}");
        Log.WatchdogKilled(thread.Task.Id, thread.Task.Name, reason);
        thread.Task.RecordSlice((long)(elapsed.TotalSeconds * Time.TimestampFrequency), Time.GetTimestamp());
        thread.Task.Abandon(reason);
    }

    /// <summary>
    /// The watchdog's kill of a thread whose task can be interrupted (<see cref="TaskRun.CooperativeKill"/>):
    /// the task goes to Error with the reason first, then the kill switch makes the running slice end at its
    /// next check; the thread then ends through its own code (no OS thread is abandoned).
    /// </summary>
    internal void KillCooperatively(TaskThread thread, Action kill, TimeSpan elapsed)
    {
        var reason = string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $"killed by watchdog after {elapsed.TotalSeconds:0.0} s without yielding in thread {thread.Id}");
        Log.WatchdogKilled(thread.Task.Id, thread.Task.Name, reason);
        thread.Task.Fail(reason, then: kill);
    }

    internal static PostSyncResult PostSync(TaskThread caller, TaskThread target, PostedEvent e)
    {
        var chain = t_syncChain ??= [];
        if (ReferenceEquals(caller, target) || chain.Contains(target))
        {
            return new PostSyncResult(PostSyncStatus.Recursive, null);
        }
        if (target.IsEnded)
        {
            return new PostSyncResult(PostSyncStatus.Ended, null);
        }
        if (!ReferenceEquals(target.Task, caller.Task))
        {
            return new PostSyncResult(PostSyncStatus.OtherTask, null);
        }
        if (target.SyncHandler is not { } handler)
        {
            return new PostSyncResult(PostSyncStatus.NoHandler, null);
        }
        var root = chain.Count == 0;
        if (root)
        {
            chain.Add(caller);
        }
        chain.Add(target);
        try
        {
            return new PostSyncResult(PostSyncStatus.Ok, handler(e));
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
            if (root)
            {
                chain.Clear();
            }
        }
    }

    /// <summary>True while <paramref name="thread"/>'s sync handler runs on this OS thread.</summary>
    internal static bool IsRunningSyncHandler(TaskThread thread) => t_syncChain is { Count: > 0 } chain && ReferenceEquals(chain[^1], thread);

    internal BroadcastResult Broadcast(int eventNumber, object? data, TaskThread? from)
    {
        TaskThread[] receivers;
        lock (_broadcastLock)
        {
            receivers = [.. _broadcast.Values];
        }
        var e = new PostedEvent(eventNumber, data, from);
        int delivered = 0, missed = 0;
        foreach (var receiver in receivers)
        {
            switch (receiver.TryPost(e))
            {
                case PostResult.Ok:
                    delivered++;
                    break;
                case PostResult.Full:
                    missed++;
                    break;
                default:
                    break;
            }
        }
        return new BroadcastResult(delivered, missed);
    }

    internal void SetBroadcastSubscription(TaskThread thread, bool subscribe)
    {
        lock (_broadcastLock)
        {
            if (subscribe && !thread.IsEnded)
            {
                _broadcast[thread.Id] = thread;
            }
            else
            {
                _broadcast.Remove(thread.Id);
            }
        }
    }

    internal bool TryAllocateEventNumber(out int eventNumber)
    {
        while (true)
        {
            var next = Interlocked.Read(ref _nextEventNumber);
            if (next > Options.LastUserEventNumber)
            {
                eventNumber = 0;
                return false;
            }
            if (Interlocked.CompareExchange(ref _nextEventNumber, next + 1, next) == next)
            {
                eventNumber = (int)next;
                return true;
            }
        }
    }
}
