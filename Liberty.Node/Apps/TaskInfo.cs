using Liberty.Node.Engine;

namespace Liberty.Node.Apps;

/// <summary>A task, as the management API shows it.</summary>
/// <param name="Id">The task's id (unique on the node, never reused).</param>
/// <param name="Name">Its name.</param>
/// <param name="App">The app it runs.</param>
/// <param name="AppVersion">The app version of its current (or next) run.</param>
/// <param name="Function">The entry function.</param>
/// <param name="Arguments">The arguments as given (JSON), or null.</param>
/// <param name="State">Running, Disabled, Stopped or Error.</param>
/// <param name="Reason">Why it is in Error; null otherwise.</param>
/// <param name="Traceback">The Lua traceback of the error, when there is one.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Statistics">Counters of its current or last run.</param>
public sealed record TaskInfo(
    long Id,
    string Name,
    string App,
    int AppVersion,
    string Function,
    string? Arguments,
    TaskState State,
    string? Reason,
    string? Traceback,
    DateTimeOffset CreatedAt,
    TaskStatistics Statistics);
