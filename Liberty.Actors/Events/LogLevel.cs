namespace Liberty.Actors.Events;

/// <summary>Severity of a <see cref="LogEvent"/> (Akka's four levels).</summary>
public enum LogLevel
{
    /// <summary>Detail for developers.</summary>
    Debug = 0,

    /// <summary>Normal operation worth noting.</summary>
    Info = 1,

    /// <summary>Something unexpected that the system handled.</summary>
    Warning = 2,

    /// <summary>A failure (an actor threw, a hook failed).</summary>
    Error = 3,
}
