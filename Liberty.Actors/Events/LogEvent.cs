namespace Liberty.Actors.Events;

/// <summary>
/// A log line published on the <see cref="EventStream"/> (Akka's logging model): subscribe to
/// <see cref="LogEvent"/> to forward lines to a real logger; the TestKit's <c>EventFilter</c>
/// intercepts them in specs.
/// </summary>
/// <param name="Level">Severity.</param>
/// <param name="LogSource">Who logged: usually an actor path.</param>
/// <param name="LogClass">The type that logged.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Cause">The exception, for errors that have one.</param>
public sealed record LogEvent(LogLevel Level, string LogSource, Type LogClass, string Message, Exception? Cause = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Cause is null ? $"[{Level}][{LogSource}] {Message}" : $"[{Level}][{LogSource}] {Message}{Environment.NewLine}{Cause}";
}
