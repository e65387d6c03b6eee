namespace Liberty.Actors.Internal;

/// <summary>
/// <see cref="ITimerScheduler"/> on the system's <see cref="TimeProvider"/>. Each start bumps a
/// generation; a fired message carries its generation and is delivered only if it still matches, so a
/// cancelled or replaced timer's message is dropped even when already queued.
/// </summary>
/// <remarks>Used only from the owning actor's thread, except the timer callbacks, which only Tell.</remarks>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }
        _timers.Clear();
    }

    /// <summary>Whether a fired message is still current; if so returns its payload (and forgets a single timer).</summary>
    public bool TryTake(Fired fired, out object payload)
    {
        if (_timers.TryGetValue(fired.Key, out var entry) && entry.Generation == fired.Generation)
        {
            if (!entry.Periodic)
            {
                _timers.Remove(fired.Key);
                entry.Timer.Dispose();
            }
            payload = fired.Message;
            return true;
        }
        payload = null!;
        return false;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var fired = new Fired(key, ++_generation, message);
        var timer = cell.System.TimeProvider.CreateTimer(static s => { var (c, f) = ((ActorCell, Fired))s!; c.Self.Tell(f, null); }, (cell, fired), delay, period);
        _timers[key] = new Entry(timer, fired.Generation, period != Timeout.InfiniteTimeSpan);
    }

    private sealed record Entry(ITimer Timer, long Generation, bool Periodic);

    /// <summary>The message a timer sends to its actor.</summary>
    public sealed record Fired(object Key, long Generation, object Message);
}
