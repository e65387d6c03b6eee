using Microsoft.Extensions.Logging;

namespace Liberty.Tests.Mqtt;

/// <summary>A thread-safe logger factory that keeps every entry of every category, to assert what was logged and how often.</summary>
internal sealed class CapturingLoggerFactory(ITestOutputHelper? output = null) : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, int EventId, string Category, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Category, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The messages logged with event id <paramref name="eventId"/>.</summary>
    public IReadOnlyList<string> With(int eventId) => [.. Entries.Where(e => e.EventId == eventId).Select(static e => e.Message)];

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, int eventId, string category, string message)
    {
        lock (_lock)
        {
            _entries.Add((level, eventId, category, message));
        }
        try
        {
            output?.WriteLine($"{level} {eventId} {category}: {message}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended; its output is closed.
        }
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(logLevel, eventId.Id, category, formatter(state, exception));
    }
}
