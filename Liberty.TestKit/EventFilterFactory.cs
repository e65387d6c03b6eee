using Liberty.Actors.Events;

namespace Liberty.TestKit;

/// <summary>
/// Builds filters over the system's event stream (Akka's <c>EventFilter</c>): log events by level,
/// exception type, message and source; dead letters; unhandled messages. Get it from
/// <see cref="TestKit.EventFilter"/>.
/// </summary>
public sealed class EventFilterFactory
{
    private readonly TestKit _kit;

    internal EventFilterFactory(TestKit kit) => _kit = kit;

    /// <summary>Error log events whose cause is a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The exception type (subtypes match).</typeparam>
    /// <param name="message">The whole log message, if given.</param>
    /// <param name="contains">A substring of the log message, if given.</param>
    /// <param name="source">The log source (e.g. an actor path), if given.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Exception<T>(string? message = null, string? contains = null, string? source = null)
        where T : Exception =>
        Log(LogLevel.Error, message, null, contains, source, static e => e.Cause is T, $"Error with {typeof(T).Name}");

    /// <summary>Error log events.</summary>
    /// <param name="message">The whole message, if given.</param>
    /// <param name="start">A prefix of the message, if given.</param>
    /// <param name="contains">A substring of the message, if given.</param>
    /// <param name="source">The log source, if given.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Error(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Log(LogLevel.Error, message, start, contains, source, null, "Error");

    /// <summary>Warning log events.</summary>
    /// <param name="message">The whole message, if given.</param>
    /// <param name="start">A prefix of the message, if given.</param>
    /// <param name="contains">A substring of the message, if given.</param>
    /// <param name="source">The log source, if given.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Warning(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Log(LogLevel.Warning, message, start, contains, source, null, "Warning");

    /// <summary>Info log events.</summary>
    /// <param name="message">The whole message, if given.</param>
    /// <param name="start">A prefix of the message, if given.</param>
    /// <param name="contains">A substring of the message, if given.</param>
    /// <param name="source">The log source, if given.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Info(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Log(LogLevel.Info, message, start, contains, source, null, "Info");

    /// <summary>Debug log events.</summary>
    /// <param name="message">The whole message, if given.</param>
    /// <param name="start">A prefix of the message, if given.</param>
    /// <param name="contains">A substring of the message, if given.</param>
    /// <param name="source">The log source, if given.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Debug(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Log(LogLevel.Debug, message, start, contains, source, null, "Debug");

    /// <summary>Dead letters whose message is a <typeparamref name="T"/> (and satisfies <paramref name="isMatch"/>).</summary>
    /// <typeparam name="T">The undelivered message's type.</typeparam>
    /// <param name="isMatch">An extra condition.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier DeadLetter<T>(Predicate<T>? isMatch = null) =>
        new(_kit, e => e is DeadLetter d && d.Message is T t && (isMatch is null || isMatch(t)), $"DeadLetter of {typeof(T).Name}");

    /// <summary>Unhandled messages of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="isMatch">An extra condition.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Unhandled<T>(Predicate<T>? isMatch = null) =>
        new(_kit, e => e is UnhandledMessage u && u.Message is T t && (isMatch is null || isMatch(t)), $"UnhandledMessage of {typeof(T).Name}");

    /// <summary>Any event the predicate accepts.</summary>
    /// <param name="isMatch">The condition on the published event.</param>
    /// <param name="description">What it matches, for failure messages.</param>
    /// <returns>The filter.</returns>
    public EventFilterApplier Custom(Predicate<object> isMatch, string description = "custom event")
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return new(_kit, e => isMatch(e), description);
    }

    private EventFilterApplier Log(LogLevel level, string? message, string? start, string? contains, string? source, Func<LogEvent, bool>? extra, string what)
    {
        var description = what
            + (message is null ? "" : $" message \"{message}\"")
            + (start is null ? "" : $" starting \"{start}\"")
            + (contains is null ? "" : $" containing \"{contains}\"")
            + (source is null ? "" : $" from {source}");
        return new(_kit, e => e is LogEvent l
            && l.Level == level
            && (message is null || l.Message == message)
            && (start is null || l.Message.StartsWith(start, StringComparison.Ordinal))
            && (contains is null || l.Message.Contains(contains, StringComparison.Ordinal))
            && (source is null || l.LogSource == source)
            && (extra is null || extra(l)), description);
    }
}
