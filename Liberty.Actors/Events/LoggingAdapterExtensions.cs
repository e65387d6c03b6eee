namespace Liberty.Actors.Events;

/// <summary>Level-named shorthands for <see cref="ILoggingAdapter.Log"/>.</summary>
public static class LoggingAdapterExtensions
{
    /// <summary>Logs at <see cref="LogLevel.Debug"/>.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="message">The message.</param>
    public static void Debug(this ILoggingAdapter log, string message) => log?.Log(LogLevel.Debug, message);

    /// <summary>Logs at <see cref="LogLevel.Info"/>.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="message">The message.</param>
    public static void Info(this ILoggingAdapter log, string message) => log?.Log(LogLevel.Info, message);

    /// <summary>Logs at <see cref="LogLevel.Warning"/>.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="message">The message.</param>
    public static void Warning(this ILoggingAdapter log, string message) => log?.Log(LogLevel.Warning, message);

    /// <summary>Logs at <see cref="LogLevel.Error"/>.</summary>
    /// <param name="log">The adapter.</param>
    /// <param name="message">The message.</param>
    /// <param name="cause">The exception, when there is one.</param>
    public static void Error(this ILoggingAdapter log, string message, Exception? cause = null) => log?.Log(LogLevel.Error, message, cause);
}
