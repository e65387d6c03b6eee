using Liberty.Node.Engine.Io;

namespace Liberty.Node.Engine;

/// <summary>
/// The C# task API: what a task thread's code gets. One context per thread; the thread's code runs
/// on the node's cooperative thread (the contract at the top of
/// <c>Liberty.Actors.Dispatch.CooperativeDispatcher</c>): it never blocks, it yields only at
/// <c>await</c>s, and between two yields nothing else of the node runs.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> unless a member says otherwise, call it only from this thread's own code (its
/// entry and what it awaits). Never use <c>ConfigureAwait(false)</c> in task code: the continuation must
/// come back to the thread. Members marked "any thread" may be called from anywhere.</para>
/// <para><b>Cancellation (L8):</b> every async member states whether it is strict (cancelling and
/// retrying is the same as never having called). All of them throw <see cref="ThreadStoppedException"/>
/// when the thread is being stopped (I5); a stop is not optional.</para>
/// <para><b>Ordering:</b> every resumption after an await is a new slice, queued behind the threads that
/// became ready before it (S2, S3).</para>
/// </remarks>
public interface ITaskContext
{
    /// <summary>This thread.</summary>
    TaskThread Thread { get; }

    /// <summary>This thread's task.</summary>
    TaskRun Task { get; }

    /// <summary>The engine's clock (the actor system's <see cref="TimeProvider"/>).</summary>
    TimeProvider Time { get; }

    /// <summary>Cancelled when the thread is being stopped: pass it to foreign awaits so a stop ends them too.</summary>
    CancellationToken Stopping { get; }

    /// <summary>
    /// <c>Libre_Wait</c>. <paramref name="timeout"/> zero: yield, resume after every other ready thread
    /// had a turn (S2). Positive: resume at the deadline or as soon as an event is queued. Null or
    /// negative: no deadline, resume on the next event. With events already queued it returns right after
    /// one yield. Events stay queued: take them with <see cref="GetEvent"/>.
    /// </summary>
    /// <param name="timeout">See above.</param>
    /// <returns>Why it returned.</returns>
    /// <remarks><b>Cancellation:</b> strict (it consumes nothing). <b>Ordering:</b> spurious wakes are absorbed (S4).</remarks>
    Task<WakeReason> Wait(TimeSpan? timeout = null);

    /// <summary><c>Libre_WaitUntil</c>: as <see cref="Wait"/> with an absolute deadline; a deadline already past behaves like <c>Wait(0)</c>.</summary>
    /// <param name="deadline">When to resume at the latest.</param>
    /// <returns>Why it returned.</returns>
    /// <remarks><b>Cancellation:</b> strict.</remarks>
    Task<WakeReason> WaitUntil(DateTimeOffset deadline);

    /// <summary>
    /// <c>Libre_GetEvent</c>: takes the next event of this thread's queue, or null when it is empty.
    /// Order: INIT first, then a pending POLL, then queued events in arrival order (FIFO per sender),
    /// then expiries that found the queue full (T3). Device events come as <c>DeviceEvent</c>, the rest
    /// as <see cref="EngineEvent"/>s. Never blocks, never yields.
    /// </summary>
    /// <returns>The event, or null.</returns>
    /// <exception cref="InvalidOperationException">Called outside this thread's own code.</exception>
    object? GetEvent();

    /// <summary>
    /// Contiki's <c>PROCESS_WAIT_EVENT_UNTIL</c> (E9): always yields at least once, then returns the first
    /// event for which <paramref name="condition"/> holds. Events that fail it are <b>consumed</b> (lost to
    /// this thread). Compare <see cref="Notify.Until"/>, which checks first and returns at once.
    /// </summary>
    /// <param name="condition">Tested on each event, in order.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching event.</returns>
    /// <remarks><b>Cancellation:</b> not strict: events consumed before the cancellation stay consumed.</remarks>
    Task<object> WaitEventUntil(Func<object, bool> condition, CancellationToken cancellationToken = default);

    /// <summary>lilos <c>yield_cpu</c> (L1): pending exactly once; every other ready thread runs before it resumes.</summary>
    /// <returns>Completes in a later slice.</returns>
    /// <remarks><b>Cancellation:</b> strict.</remarks>
    Task YieldCpu();

    /// <summary>
    /// <c>Libre_Sleep</c> / lilos <c>sleep_for</c> (L2): resume when <paramref name="duration"/> has passed,
    /// measured from the call (not from the first await). Events do not end it; they stay queued.
    /// </summary>
    /// <param name="duration">How long; zero or negative completes at once without yielding.</param>
    /// <param name="cancellationToken">Cancels the sleep.</param>
    /// <returns>Completes at the deadline.</returns>
    /// <remarks><b>Cancellation:</b> strict. <b>Ordering:</b> a shorter sleep ends first; equal deadlines end in call order.</remarks>
    Task SleepFor(TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>lilos <c>sleep_until</c> (L2): returns at once (without yielding) when <paramref name="deadline"/> has passed.</summary>
    /// <param name="deadline">When to resume.</param>
    /// <param name="cancellationToken">Cancels the sleep.</param>
    /// <returns>Completes at the deadline.</returns>
    /// <remarks><b>Cancellation:</b> strict.</remarks>
    Task SleepUntil(DateTimeOffset deadline, CancellationToken cancellationToken = default);

    /// <summary>
    /// lilos <c>with_timeout</c> (L3): runs <paramref name="operation"/> until it completes or
    /// <paramref name="timeout"/> passes. The deadline is checked first, so it wins a tie; on timeout the
    /// operation's token is cancelled and the operation is awaited, so its cleanup has run when this returns.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="timeout">How long the operation may take.</param>
    /// <param name="operation">The operation; it must honour its token.</param>
    /// <returns>Which happened, and the result.</returns>
    /// <remarks><b>Cancellation:</b> as strict as <paramref name="operation"/> is.</remarks>
    Task<TimeoutResult<T>> WithTimeout<T>(TimeSpan timeout, Func<CancellationToken, Task<T>> operation);

    /// <summary>lilos <c>with_deadline</c> (L3): <see cref="WithTimeout{T}"/> with an absolute deadline; a deadline already past times out without starting the operation.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="deadline">When the operation is cut.</param>
    /// <param name="operation">The operation; it must honour its token.</param>
    /// <returns>Which happened, and the result.</returns>
    /// <remarks><b>Cancellation:</b> as strict as <paramref name="operation"/> is.</remarks>
    Task<TimeoutResult<T>> WithDeadline<T>(DateTimeOffset deadline, Func<CancellationToken, Task<T>> operation);

    /// <summary>lilos <c>PeriodicGate</c> (L4): ticks anchored to now, drift-free, with catch-up.</summary>
    /// <param name="interval">The period; must be positive.</param>
    /// <returns>The gate (use it from this thread).</returns>
    PeriodicGate CreatePeriodicGate(TimeSpan interval);

    /// <summary>
    /// Contiki <c>etimer_set</c> (T1): a timer owned by this thread; each expiry queues a <see cref="TimerEvent"/>
    /// for this thread only. It is removed when the thread ends (T4).
    /// </summary>
    /// <param name="interval">Time to the first expiry and the period of <see cref="EngineTimer.Reset"/>; must be positive.</param>
    /// <returns>The running timer.</returns>
    /// <exception cref="InvalidOperationException">Called outside this thread's code (T1: a timer needs an owner).</exception>
    EngineTimer StartTimer(TimeSpan interval);

    /// <summary>Async post (E2): appends a <see cref="PostedEvent"/> to <paramref name="to"/>'s queue. Any thread.</summary>
    /// <param name="to">The receiver (this thread included).</param>
    /// <param name="eventNumber">The event number.</param>
    /// <param name="data">The data, delivered unchanged.</param>
    /// <returns><see cref="PostResult.Ok"/>, <see cref="PostResult.Full"/> (not stored; counted for the receiver) or <see cref="PostResult.Ended"/>.</returns>
    PostResult Post(TaskThread to, int eventNumber, object? data = null);

    /// <summary>
    /// Sync post (E3): runs <paramref name="to"/>'s synchronous handler (<see cref="SetSyncHandler"/>) now,
    /// nested in this slice, and returns its result. Refused (not run) for this thread itself or a thread
    /// already on the current call chain, a thread without handler, or an ended thread. An exception of
    /// the handler propagates to the caller.
    /// </summary>
    /// <param name="to">The receiver.</param>
    /// <param name="eventNumber">The event number.</param>
    /// <param name="data">The data.</param>
    /// <returns>The status and the handler's result.</returns>
    PostSyncResult PostSync(TaskThread to, int eventNumber, object? data = null);

    /// <summary>
    /// Sets (or with null removes) the handler <see cref="PostSync"/> runs for this thread. It runs
    /// nested in the caller's slice: it must not await or call <see cref="GetEvent"/>; it may post.
    /// </summary>
    /// <param name="handler">The handler; its return value is the sync post's result.</param>
    void SetSyncHandler(Func<PostedEvent, object?>? handler);

    /// <summary>Broadcast (E4): posts to every running thread subscribed to broadcasts, in start order, this one included if subscribed. Any thread.</summary>
    /// <param name="eventNumber">The event number.</param>
    /// <param name="data">The data.</param>
    /// <returns>How many got it and how many missed it (full queues, each counted).</returns>
    BroadcastResult Broadcast(int eventNumber, object? data = null);

    /// <summary>Subscribes this thread to broadcasts, or unsubscribes it.</summary>
    /// <param name="subscribe">True to receive broadcasts.</param>
    void SubscribeBroadcasts(bool subscribe);

    /// <summary>Poll (E5): marks <paramref name="thread"/> "needs poll". Any OS thread; never fails; repeated polls before it is seen are one.</summary>
    /// <param name="thread">The thread.</param>
    void Poll(TaskThread thread);

    /// <summary>Allocates a user event number (E6). Numbers are never freed nor reused.</summary>
    /// <param name="eventNumber">The number.</param>
    /// <returns>False when the numbers are exhausted (nothing allocated).</returns>
    bool TryAllocateEventNumber(out int eventNumber);

    /// <summary>Watches a thread (E7): one <see cref="ThreadExitedEvent"/> arrives when it ends, also when it had already ended. Watching twice is watching once.</summary>
    /// <param name="thread">The thread.</param>
    void Watch(TaskThread thread);

    /// <summary>Watches a task (E7): one <see cref="TaskExitedEvent"/> arrives when its last thread ends, also when it had already ended.</summary>
    /// <param name="task">The task.</param>
    void Watch(TaskRun task);

    /// <summary>
    /// Runs <paramref name="operation"/> in an interruptible region (Morelibc, I1–I3). With an interrupt
    /// pending it returns interrupted at once, clears the flag and does not start the operation. An
    /// interrupt during the operation cancels its token and, once the operation has finished, returns
    /// interrupted (the interrupt wins over a completion that arrived at the same moment) and clears the flag.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="operation">The blocking call; it must honour its token.</param>
    /// <returns>The result, or interrupted.</returns>
    /// <remarks><b>Cancellation:</b> as strict as <paramref name="operation"/>; an interrupt is consumed exactly once.</remarks>
    Task<InterruptibleResult<T>> Interruptible<T>(Func<CancellationToken, Task<T>> operation);

    /// <summary>Interrupts <paramref name="thread"/> (I1): sets its pending flag; several interrupts before it is seen are one. Any thread.</summary>
    /// <param name="thread">The thread.</param>
    void Interrupt(TaskThread thread);

    /// <summary><c>Libre_NewThread</c>: starts a thread of this task; it first runs after this slice.</summary>
    /// <param name="entry">Its code.</param>
    /// <param name="options">Start options; null for the defaults.</param>
    /// <returns>Its handle.</returns>
    TaskThread NewThread(Func<ITaskContext, Task> entry, ThreadStartOptions? options = null);

    /// <summary><c>Libre_ExitThread()</c>: ends this thread now by throwing <see cref="ThreadExitException"/> (never returns).</summary>
    /// <exception cref="ThreadExitException">Always.</exception>
    void ExitThread();

    /// <summary><c>Libre_ExitThread(thread)</c>: stops another thread of the same task (its waits throw <see cref="ThreadStoppedException"/>).</summary>
    /// <param name="thread">The thread; this thread itself behaves like <see cref="ExitThread()"/>.</param>
    /// <exception cref="ArgumentException">The thread belongs to another task.</exception>
    void ExitThread(TaskThread thread);

    /// <summary>
    /// Morelibc <c>poll</c> (I6): waits until one of <paramref name="handles"/> is ready for part of its
    /// interest, level-triggered. Returns at once (without yielding) when one already is. Closed and
    /// Error are reported only for requests that ask for them (a closed or failed handle is also readable
    /// and writable: its read and write return at once). Inside an interruptible region
    /// (<see cref="Interruptible{T}"/>) an interrupt makes it return <see cref="PollStatus.Interrupted"/>
    /// (the region then reports and clears the interrupt). A zero, negative or tiny
    /// <paramref name="timeout"/> still waits once through the dispatcher before answering
    /// <see cref="PollStatus.TimedOut"/>; null waits without deadline.
    /// </summary>
    /// <param name="handles">The handles (of any task's threads of this task) and their interests.</param>
    /// <param name="timeout">How long to wait at most; null for no deadline.</param>
    /// <param name="cancellationToken">Cancels the wait (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The status and, per request, what is ready.</returns>
    /// <remarks><b>Cancellation (L8):</b> strict: it consumes nothing (readiness is a level, not an event), so
    /// cancelling and polling again is the same as never having called. <b>Ordering:</b> after a wait, the
    /// answer reflects the handles' state when the thread resumed, not when they changed.</remarks>
    Task<PollResult> PollHandles(IReadOnlyList<PollRequest> handles, TimeSpan? timeout, CancellationToken cancellationToken = default);
}
