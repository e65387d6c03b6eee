namespace Liberty.Node.Engine;

/// <summary>A task's definition and its last state, as stored.</summary>
/// <param name="Id">The task's id (unique on the node, never reused).</param>
/// <param name="Name">The task's name (given by the user or made from the app and function).</param>
/// <param name="App">The app the task runs.</param>
/// <param name="AppVersion">The app version it was created (or last reset) with.</param>
/// <param name="Function">The entry function.</param>
/// <param name="ArgumentsJson">The arguments as the user gave them (JSON), or null.</param>
/// <param name="State">The task state.</param>
/// <param name="Reason">Why the task is where it is (stopped by whom, ended by itself, failed or killed with what); null while Running.</param>
/// <param name="Traceback">The Lua traceback of an Error, or null.</param>
/// <param name="CreatedAt">When the task was created.</param>
public sealed record TaskRecord(
    long Id,
    string Name,
    string App,
    int AppVersion,
    string Function,
    string? ArgumentsJson,
    TaskState State,
    string? Reason,
    string? Traceback,
    DateTimeOffset CreatedAt);
