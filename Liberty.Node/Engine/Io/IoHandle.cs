using System.Diagnostics;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// A socket owned by a task (TCP client, UDP, HTTP client), with <b>level-triggered readiness</b>: a
/// thread arms interest (<see cref="Arm"/>) and gets one <see cref="IoEvent"/> in its queue as soon as
/// the condition holds (at once when it already does); the interest is then disarmed, so a thread
/// re-arms before each wait with its current mask (<c>Libre_SetWaitIo</c>). A failure or close is
/// reported to any armed interest with a negative value. Reads and writes never block.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> the methods are called by the owning task's code on the cooperative thread; the
/// socket's completions run on pool threads and only touch the state under the handle's lock, then
/// put the event straight into the armed thread's queue (a full queue defers the event, T3: never lost, never
/// blocking a socket thread).</para>
/// <para><b>Cancellation:</b> <see cref="Close"/> ends pending operations; no event follows a close
/// except one already queued (events carry the handle: compare it).</para>
/// <para><b>Ordering:</b> at most one event per arming; readiness is re-evaluated on every change.</para>
/// </remarks>
public abstract class IoHandle : IDisposable
{
    // Guards every mutable field of the handle and of its subclass (socket threads and the cooperative thread).
    private protected readonly Lock Gate = new();

    // Under Gate: the armed mask and the thread it wakes; waiters of PollHandles; closed by the app.
    private IoReadiness _interest;
    private TaskThread? _armedBy;
    private List<TaskCompletionSource>? _waiters;
    private bool _closed;
    private string? _lastError;

    private protected IoHandle(IoService service, int id, TaskRun task)
    {
        Service = service;
        Id = id;
        Task = task;
    }

    /// <summary>The handle's id, a small integer unique among the node's open handles (the fd of Lua).</summary>
    public int Id { get; }

    /// <summary>The task that opened it; it is closed when that task ends.</summary>
    public TaskRun Task { get; }

    /// <summary>True once <see cref="Close"/> ran (by the app or because the task ended).</summary>
    public bool IsClosed
    {
        get
        {
            lock (Gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>Why the handle failed last (connect refused, not allowed, timed out, ...), or null.</summary>
    public string? LastError
    {
        get
        {
            lock (Gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>What the handle is ready for now (a snapshot; it may change at once).</summary>
    public IoReadiness Readiness
    {
        get
        {
            lock (Gate)
            {
                return ReadinessLocked;
            }
        }
    }

    internal IoService Service { get; }

    /// <summary>What a front end keeps with the handle (the Lua reactive API's socket state); cooperative thread only.</summary>
    internal object? Tag { get; set; }

    /// <summary>Readiness under <see cref="Gate"/>; a closed handle is readable, writable and closed.</summary>
    private protected IoReadiness ReadinessLocked =>
        _closed ? IoReadiness.Readable | IoReadiness.Writable | IoReadiness.Closed : ComputeReadinessLocked();

    /// <summary>
    /// Arms interest for the calling thread: one <see cref="IoEvent"/> is queued for it when the handle is
    /// ready for part of <paramref name="interest"/>, or has closed or failed; at once if that holds now.
    /// Replaces an earlier arming; <see cref="IoReadiness.None"/> disarms.
    /// </summary>
    /// <param name="context">The arming thread (events go to it).</param>
    /// <param name="interest">Readable, Writable or both (the other bits are ignored).</param>
    /// <returns>False when the handle is closed (nothing armed).</returns>
    public bool Arm(ITaskContext context, IoReadiness interest)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (Gate)
        {
            if (_closed)
            {
                return false;
            }
            _interest = interest & (IoReadiness.Readable | IoReadiness.Writable);
            _armedBy = _interest == IoReadiness.None ? null : context.Thread;
        }
        Changed();
        return true;
    }

    /// <summary>Closes the handle: the socket and pending operations end, the id is freed. Idempotent; any thread.</summary>
    public void Close()
    {
        List<TaskCompletionSource>? waiters;
        Action? release;
        lock (Gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            _interest = IoReadiness.None;
            _armedBy = null;
            waiters = _waiters;
            _waiters = null;
            release = CloseLocked();
        }
        release?.Invoke();
        Service.Release(this);
        if (waiters is not null)
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {Id}";

    /// <summary>Registers a one-shot wake for the next readiness change (PollHandles).</summary>
    internal void AddWaiter(TaskCompletionSource waiter)
    {
        lock (Gate)
        {
            if (!_closed)
            {
                (_waiters ??= []).Add(waiter);
                return;
            }
        }
        waiter.TrySetResult();
    }

    internal void RemoveWaiter(TaskCompletionSource waiter)
    {
        lock (Gate)
        {
            _waiters?.Remove(waiter);
        }
    }

    /// <summary>True once closed, under <see cref="Gate"/>.</summary>
    private protected bool ClosedLocked => _closed;

    /// <summary>The last failure, under <see cref="Gate"/>.</summary>
    private protected string? LastErrorLocked => _lastError;

    /// <summary>Readiness of the open handle, under <see cref="Gate"/>.</summary>
    private protected abstract IoReadiness ComputeReadinessLocked();

    /// <summary>
    /// Detaches the socket and pending operations under <see cref="Gate"/>; returns what releases them, run
    /// after the lock is left (a cancellation runs callbacks, which must not run under the lock).
    /// </summary>
    private protected abstract Action? CloseLocked();

    /// <summary>Records a failure under <see cref="Gate"/>.</summary>
    private protected void SetErrorLocked(string? error) => _lastError = error;

    /// <summary>
    /// Re-evaluates readiness after a change (call it without holding <see cref="Gate"/>): queues the
    /// armed thread's event when due and wakes PollHandles waiters.
    /// </summary>
    private protected void Changed()
    {
        TaskThread? target = null;
        var value = 0;
        List<TaskCompletionSource>? waiters;
        lock (Gate)
        {
            var ready = ReadinessLocked;
            if (_interest != IoReadiness.None)
            {
                if ((ready & IoReadiness.Error) != 0)
                {
                    value = IoStatus.Error;
                }
                else if ((ready & IoReadiness.Closed) != 0)
                {
                    value = IoStatus.Closed;
                }
                else
                {
                    value = (int)(ready & _interest);
                }
                if (value != 0)
                {
                    target = _armedBy;
                    _interest = IoReadiness.None;
                    _armedBy = null;
                }
            }
            waiters = _waiters;
            _waiters = null;
            AssertInvariantsLocked();
        }
        target?.DeliverSystemEvent(new IoEvent(this, value));
        if (waiters is not null)
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariantsLocked() =>
        Debug.Assert((_interest == IoReadiness.None) == (_armedBy is null), "an armed interest always has a thread to wake");
}
