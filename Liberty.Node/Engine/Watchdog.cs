using Liberty.Actors.Cooperative;

namespace Liberty.Node.Engine;

/// <summary>
/// Times the cooperative executor's slices (S6, S7) from off its thread: a periodic timer on the system's
/// clock reads every running slice (<see cref="CooperativeExecutor.GetRunningSlices"/>: the active runner's
/// and those a hand-off left behind) and ends the task of a slice longer than
/// <see cref="EngineOptions.WatchdogLimit"/> in Error. As slice observer it keeps per-task statistics
/// (longest slice, busy time), also when the limit is off (then no timer runs).
/// </summary>
/// <remarks>
/// <para><b>Killing.</b> A task with a <see cref="TaskRun.CooperativeKill"/> (Lua) is killed for real:
/// Error first, then its kill switch, which the count hook reads, so the slice ends within a few thousand
/// instructions. A slice that cannot be cut — C# code, or Lua stuck inside a C function where no hook runs —
/// is abandoned (<see cref="TaskHost.KillHungThread"/>) at once for C#, and for Lua when it is still running
/// <see cref="StuckGrace"/> after its kill was requested. The hand-off (S8) has long moved the other tasks to
/// a fresh scheduler thread by then.</para>
/// <para><b>Thread:</b> <see cref="Check"/> runs on the timer's thread; the observer methods on the thread
/// that runs the slice (short, non-blocking).</para>
/// </remarks>
internal sealed class Watchdog : ICooperativeSliceObserver, IDisposable
{
    /// <summary>How long a Lua slice may go on after its kill was requested before it is treated as stuck in C.</summary>
    public static readonly TimeSpan StuckGrace = TimeSpan.FromSeconds(1);

    private readonly TaskHost _host;
    private readonly CooperativeExecutor _executor;
    private readonly TimeSpan _limit;
    // Null when the watchdog is off (the slice statistics are kept anyway).
    private readonly ITimer? _timer;

    // Slices acted on (timer thread only): id → true once abandoned.
    private readonly Dictionary<long, bool> _acted = [];

    public Watchdog(TaskHost host, CooperativeExecutor executor, EngineOptions options)
    {
        _host = host;
        _executor = executor;
        _limit = options.WatchdogLimit;
        executor.Observer = this;
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
        if (slice.Context?.Owner is TaskThread thread)
        {
            thread.Task.RecordSlice(endTimestamp - slice.StartTimestamp, endTimestamp);
        }
    }

    /// <summary>One look at the running slices.</summary>
    public void Check()
    {
        var running = _executor.GetRunningSlices();
        if (_acted.Count > 0)
        {
            foreach (var id in _acted.Keys.ToArray())
            {
                if (!running.Any(s => s.Id == id))
                {
                    _acted.Remove(id);
                }
            }
        }
        foreach (var slice in running)
        {
            if (slice.Context?.Owner is not TaskThread thread)
            {
                continue;
            }
            var elapsed = _host.Time.GetElapsedTime(slice.StartTimestamp);
            if (elapsed <= _limit)
            {
                continue;
            }
            if (_acted.TryGetValue(slice.Id, out var abandoned))
            {
                if (!abandoned && elapsed > _limit + StuckGrace)
                {
                    _acted[slice.Id] = true;
                    _host.KillHungThread(thread, elapsed);
                }
                continue;
            }
            if (thread.Task.CooperativeKill is { } kill)
            {
                _acted[slice.Id] = false;
                _host.KillCooperatively(thread, kill, elapsed);
            }
            else
            {
                _acted[slice.Id] = true;
                _host.KillHungThread(thread, elapsed);
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (ReferenceEquals(_executor.Observer, this))
        {
            _executor.Observer = null;
        }
    }
}
