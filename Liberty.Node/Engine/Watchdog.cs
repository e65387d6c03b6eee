using Liberty.Actors.Dispatch;

namespace Liberty.Node.Engine;

/// <summary>
/// Times the cooperative thread's slices (S6, S7) from off that thread: a periodic timer on the
/// system's <see cref="TimeProvider"/> reads the running slice (<see cref="CooperativeDispatcher.TryGetCurrentSlice"/>)
/// and, when a task thread's slice has run longer than <see cref="EngineOptions.WatchdogLimit"/>, ends its
/// task in Error. As slice observer it also keeps per-task statistics (longest slice, busy time), also
/// when the limit is off (then no timer runs).
/// </summary>
/// <remarks>
/// <para><b>Killing.</b> A C# slice cannot be cut: the watchdog abandons the cooperative thread
/// (<see cref="CooperativeDispatcher.TryAbandon"/>; a fresh thread takes the other tasks' ready work at
/// once), marks the task Error and stops its other threads; the hung code keeps its OS thread until it
/// returns, and its later continuations are discarded. A task with a <see cref="EngineTask.CooperativeKill"/>
/// (Lua) is killed for real: Error first, then its kill switch, which the count hook reads.</para>
/// <para><b>Thread:</b> <see cref="Check"/> runs on the timer's thread; the observer methods on the
/// cooperative thread (short, non-blocking).</para>
/// </remarks>
internal sealed class Watchdog : ICooperativeSliceObserver, IDisposable
{
    private readonly TaskHost _host;
    private readonly CooperativeDispatcher _dispatcher;
    private readonly TimeSpan _limit;
    // Null when the watchdog is off (the slice statistics are kept anyway).
    private readonly ITimer? _timer;

    // The slice already acted on (timer thread only), so a slow abandon is not repeated.
    private long _lastKilledSlice;

    public Watchdog(TaskHost host, CooperativeDispatcher dispatcher, EngineOptions options)
    {
        _host = host;
        _dispatcher = dispatcher;
        _limit = options.WatchdogLimit;
        dispatcher.Observer = this;
        if (_limit > TimeSpan.Zero)
        {
            _timer = host.Time.CreateTimer(static s => ((Watchdog)s!).Check(), this, options.WatchdogCheckInterval, options.WatchdogCheckInterval);
        }
    }

    public void SliceStarted(in CooperativeSlice slice)
    {
    }

    public void SliceEnded(in CooperativeSlice slice, long endTimestamp)
    {
        if (slice.Actor is { } actor && _host.FindThread(actor) is { } thread)
        {
            thread.Task.RecordSlice(endTimestamp - slice.StartTimestamp);
        }
    }

    /// <summary>One look at the running slice.</summary>
    public void Check()
    {
        if (!_dispatcher.TryGetCurrentSlice(out var slice) || slice.Actor is null || slice.Id == _lastKilledSlice)
        {
            return;
        }
        var elapsed = _host.Time.GetElapsedTime(slice.StartTimestamp);
        if (elapsed <= _limit || _host.FindThread(slice.Actor) is not { } thread)
        {
            return;
        }
        _lastKilledSlice = slice.Id;
        if (thread.Task.CooperativeKill is { } kill)
        {
            _host.KillCooperatively(thread, kill, elapsed);
            return;
        }
        _host.KillHungThread(thread, slice.Id, elapsed);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (ReferenceEquals(_dispatcher.Observer, this))
        {
            _dispatcher.Observer = null;
        }
    }
}
