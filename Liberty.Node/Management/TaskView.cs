namespace Liberty.Node.Management;

/// <summary>A task as the API shows it.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="App">The app it runs.</param>
/// <param name="Function">The app function it called.</param>
/// <param name="State">Running, Stopped, Disabled or Error.</param>
/// <param name="Reason">Why it is in Error (or Stopped/Disabled), or null.</param>
/// <param name="Arguments">Its arguments as JSON, or null.</param>
/// <param name="Traceback">The Lua traceback of the error when the task is in Error and there is one; null otherwise.</param>
/// <param name="Statistics">The counters of its current or last run; null when the service keeps none.</param>
internal sealed record TaskView(long Id, string Name, string App, string Function, string State, string? Reason, string? Arguments,
    string? Traceback = null, TaskRunStatisticsView? Statistics = null);
