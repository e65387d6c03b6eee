using Liberty.Node.Apps;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// A task's log: a bounded ring of entries (the oldest go first), a per-task rate limit (a token bucket:
/// <see cref="LuaFrontEndOptions.LogLinesPerSecond"/> refill, <see cref="LuaFrontEndOptions.LogBurst"/> size)
/// that counts what it suppressed and says so in the log once lines are allowed again, and live subscribers.
/// Lines are cut at <see cref="LuaFrontEndOptions.MaxLogLineLength"/> characters. One log per managed task,
/// kept across its runs.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread (a lock guards the ring and the bucket; subscribers are called outside it).</para>
/// <para><b>Cancellation:</b> none.</para>
/// <para><b>Ordering:</b> entries are kept and delivered in the order <see cref="Write"/> was called.</para>
/// </remarks>
internal sealed class LuaTaskLog
{
    private readonly Lock _lock = new();
    private readonly LuaFrontEndOptions _options;
    private readonly TimeProvider _time;

    // Guarded by _lock.
    private readonly Queue<TaskLogEntry> _ring = new();
    private readonly List<Action<TaskLogEntry>> _subscribers = [];
    private double _tokens;
    private long _refilledAt;
    private long _suppressed;
    private long _suppressedSinceNote;
    private long _written;

    /// <summary>Creates an empty log.</summary>
    public LuaTaskLog(LuaFrontEndOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _tokens = options.LogBurst;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>Lines dropped by the rate limit so far.</summary>
    public long Suppressed
    {
        get
        {
            lock (_lock)
            {
                return _suppressed;
            }
        }
    }

    /// <summary>
    /// Writes a line unless the rate limit refuses it (then it is counted). <paramref name="limited"/> false
    /// bypasses the limit (the node's own lines: errors, state changes).
    /// </summary>
    /// <returns>The entry kept, or null when suppressed.</returns>
    public TaskLogEntry? Write(int level, long thread, string text, bool limited = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > _options.MaxLogLineLength)
        {
            text = string.Concat(text.AsSpan(0, _options.MaxLogLineLength - 3), "...");
        }
        var now = _time.GetUtcNow();
        TaskLogEntry entry;
        TaskLogEntry? note = null;
        Action<TaskLogEntry>[] subscribers;
        lock (_lock)
        {
            if (limited)
            {
                var stamp = _time.GetTimestamp();
                _tokens = Math.Min(_options.LogBurst, _tokens + (_time.GetElapsedTime(_refilledAt, stamp).TotalSeconds * _options.LogLinesPerSecond));
                _refilledAt = stamp;
                if (_tokens < 1)
                {
                    _suppressed++;
                    _suppressedSinceNote++;
                    return null;
                }
                _tokens -= 1;
            }
            if (_suppressedSinceNote > 0)
            {
                note = new TaskLogEntry(now, 3, 0, $"log rate limit: {_suppressedSinceNote} line(s) suppressed ({_suppressed} in total)") { Sequence = ++_written };
                _suppressedSinceNote = 0;
                Add(note);
            }
            entry = new TaskLogEntry(now, level, thread, text) { Sequence = ++_written };
            Add(entry);
            subscribers = _subscribers.Count == 0 ? [] : [.. _subscribers];
        }
        foreach (var subscriber in subscribers)
        {
            if (note is not null)
            {
                subscriber(note);
            }
            subscriber(entry);
        }
        return entry;
    }

    /// <summary>The last <paramref name="max"/> entries, oldest first.</summary>
    public IReadOnlyList<TaskLogEntry> Tail(int max)
    {
        lock (_lock)
        {
            var skip = Math.Max(0, _ring.Count - Math.Max(0, max));
            return [.. _ring.Skip(skip)];
        }
    }

    /// <summary>Calls <paramref name="subscriber"/> for every later entry (on the writer's thread) until the result is disposed.</summary>
    /// <returns>Disposing it unsubscribes.</returns>
    public IDisposable Subscribe(Action<TaskLogEntry> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            _subscribers.Add(subscriber);
        }
        return new Subscription(this, subscriber);
    }

    private void Add(TaskLogEntry entry)
    {
        if (_ring.Count >= _options.LogRingCapacity)
        {
            _ring.Dequeue();
        }
        _ring.Enqueue(entry);
    }

    private sealed class Subscription(LuaTaskLog log, Action<TaskLogEntry> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (log._lock)
            {
                log._subscribers.Remove(subscriber);
            }
        }
    }
}
