namespace Liberty.Actors.Events;

/// <summary>
/// Logs from actor code to the event stream (<see cref="LogEvent"/>). Obtain one with
/// <c>Context.GetLogger()</c> or <see cref="ActorSystem.Log"/>. Cheap when nobody listens.
/// </summary>
public interface ILoggingAdapter
{
    /// <summary>Whether a line of <paramref name="level"/> would be published.</summary>
    /// <param name="level">The level.</param>
    /// <returns>True when enabled.</returns>
    bool IsEnabled(LogLevel level);

    /// <summary>Publishes a line.</summary>
    /// <param name="level">Severity.</param>
    /// <param name="message">The message.</param>
    /// <param name="cause">An exception, when there is one.</param>
    void Log(LogLevel level, string message, Exception? cause = null);
}
