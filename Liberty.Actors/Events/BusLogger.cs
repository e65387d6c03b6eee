namespace Liberty.Actors.Events;

/// <summary>An <see cref="ILoggingAdapter"/> that publishes to an event stream.</summary>
internal sealed class BusLogger(EventStream stream, string source, Type logClass, LogLevel minimumLevel) : ILoggingAdapter
{
    public bool IsEnabled(LogLevel level) => level >= minimumLevel;

    public void Log(LogLevel level, string message, Exception? cause = null)
    {
        if (level >= minimumLevel)
        {
            stream.Publish(new LogEvent(level, source, logClass, message, cause));
        }
    }
}
