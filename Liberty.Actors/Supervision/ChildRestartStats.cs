namespace Liberty.Actors.Supervision;

/// <summary>Restart bookkeeping for one child (owned by the parent's cell; parent thread only).</summary>
internal sealed class ChildRestartStats
{
    private int _restarts;
    private long _windowStart;

    /// <summary>
    /// Whether another restart is allowed: at most <paramref name="maxRetries"/> within
    /// <paramref name="window"/>; a negative max means unlimited, zero means never.
    /// </summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan? window, TimeProvider time)
    {
        if (maxRetries < 0)
        {
            return true;
        }
        if (maxRetries == 0)
        {
            return false;
        }
        if (window is not { } w || w <= TimeSpan.Zero)
        {
            _restarts++;
            return _restarts <= maxRetries;
        }
        var now = time.GetTimestamp();
        var windowTicks = (long)(w.TotalSeconds * time.TimestampFrequency);
        if (_restarts == 0 || now - _windowStart > windowTicks)
        {
            _windowStart = now;
            _restarts = 1;
            return true;
        }
        _restarts++;
        return _restarts <= maxRetries;
    }
}
