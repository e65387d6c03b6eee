using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Hosting;

/// <summary>
/// An in-memory ring of the node's last log lines and the <see cref="ILoggerProvider"/> that fills it: what
/// <c>log peek</c> shows. Bounded (<see cref="Capacity"/>): the oldest line goes when a new one comes.
/// </summary>
/// <remarks>
/// <b>Thread:</b> any thread logs and reads. <b>Cancellation:</b> none. <b>Ordering:</b> lines are kept in the order
/// their writers took the lock; <see cref="RecentLogEntry.Sequence"/> follows it.
/// </remarks>
internal sealed class RecentLog : ILoggerProvider
{
    /// <summary>Default number of lines kept.</summary>
    public const int DefaultCapacity = 1000;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    // Guarded by _lock: the ring, its next slot and the count of lines ever written.
    private readonly RecentLogEntry?[] _ring;
    private long _written;

    /// <summary>Creates the ring.</summary>
    /// <param name="time">The clock stamping lines.</param>
    /// <param name="capacity">Lines kept; positive.</param>
    public RecentLog(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _time = time;
        _ring = new RecentLogEntry?[capacity];
    }

    /// <summary>Lines kept at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The newest lines, oldest first.</summary>
    /// <param name="max">How many at most; clamped to the capacity.</param>
    /// <returns>Up to <paramref name="max"/> lines.</returns>
    public IReadOnlyList<RecentLogEntry> Peek(int max)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(Math.Min(_written, _ring.Length), Math.Max(0, max));
            var result = new RecentLogEntry[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(_written - count + i) % _ring.Length]!;
            }
            return result;
        }
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, EventId eventId, string message, Exception? exception)
    {
        var now = _time.GetUtcNow();
        var error = exception is null ? null : $"{exception.GetType().Name}: {exception.Message}";
        lock (_lock)
        {
            _written++;
            _ring[(_written - 1) % _ring.Length] = new RecentLogEntry(_written, now, level.ToString(), category, eventId.Id, message, error);
        }
    }

    private sealed class Logger(RecentLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add(category, logLevel, eventId, formatter(state, exception), exception);
            }
        }
    }
}
