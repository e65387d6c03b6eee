using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// What the management API needs of the node's app and task manager. The node wires the real task manager in; a
/// node built without it answers <see cref="ServiceErrorKind.Unavailable"/>.
/// </summary>
/// <remarks>
/// <b>Thread:</b> any thread (HTTP request threads). <b>Cancellation:</b> a cancelled call may still take effect; the
/// caller re-reads to know. <b>Ordering:</b> calls on one task take effect in call order.
/// </remarks>
internal interface ITaskService
{
    /// <summary>Deploys (or updates, as a new version) an app.</summary>
    /// <param name="name">The app's name.</param>
    /// <param name="source">Its Lua source.</param>
    /// <param name="signatureJson">Its argument schema (Liberty .sig JSON), or null.</param>
    /// <param name="descriptions">The schema's description files (<c>.sigdesc.&lt;locale&gt;</c> JSON) by locale, or null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The deployed app, or Invalid with where the Lua or schema is wrong (<see cref="ServiceResult{T}.Path"/>).</returns>
    Task<ServiceResult<AppView>> DeployAppAsync(string name, string source, string? signatureJson, IReadOnlyDictionary<string, string>? descriptions, CancellationToken cancellationToken);

    /// <summary>The deployed apps.</summary>
    /// <returns>The apps by name.</returns>
    IReadOnlyList<AppView> ListApps();

    /// <summary>One app's versions.</summary>
    /// <param name="name">The app.</param>
    /// <returns>Its versions, oldest first, or NotFound.</returns>
    ServiceResult<IReadOnlyList<AppVersionView>> GetAppVersions(string name);

    /// <summary>Removes an app.</summary>
    /// <param name="name">The app.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>True, or NotFound / Conflict (tasks still use it).</returns>
    Task<ServiceResult<bool>> RemoveAppAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates and starts a task.</summary>
    /// <param name="app">The app.</param>
    /// <param name="function">The app's function to call.</param>
    /// <param name="argumentsJson">Its arguments as JSON (an array or object), or null.</param>
    /// <param name="name">The task's name, or null for a generated one.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The new task, or NotFound (app) / Invalid (function, arguments).</returns>
    Task<ServiceResult<TaskView>> StartTaskAsync(string app, string function, string? argumentsJson, string? name, CancellationToken cancellationToken);

    /// <summary>What LanDevice, Action and User arguments may name on this node.</summary>
    /// <returns>The choices.</returns>
    ChoicesView GetChoices();

    /// <summary>All tasks.</summary>
    /// <returns>The tasks by id.</returns>
    IReadOnlyList<TaskView> ListTasks();

    /// <summary>One task.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The task or NotFound.</returns>
    ServiceResult<TaskView> FindTask(long id);

    /// <summary>Gives a task new arguments and starts it afresh with them; wrong arguments change nothing.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="argumentsJson">The new arguments as JSON (an array or object), or null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The task (Running), NotFound, or Invalid (arguments, with their path).</returns>
    Task<ServiceResult<TaskView>> ChangeArgumentsAsync(long id, string? argumentsJson, CancellationToken cancellationToken);

    /// <summary>Stops a task (it becomes Disabled).</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The task after the stop, or NotFound.</returns>
    Task<ServiceResult<TaskView>> StopTaskAsync(long id, CancellationToken cancellationToken);

    /// <summary>Starts a Disabled or Stopped task again.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The task, or NotFound / Conflict.</returns>
    Task<ServiceResult<TaskView>> ResumeTaskAsync(long id, CancellationToken cancellationToken);

    /// <summary>Clears a task's Error.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The task, or NotFound / Conflict.</returns>
    Task<ServiceResult<TaskView>> ResetTaskAsync(long id, CancellationToken cancellationToken);

    /// <summary>Stops and deletes a task.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="force">End its threads at once instead of stopping it, and do not wait (a stuck task).</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>True, or NotFound.</returns>
    Task<ServiceResult<bool>> DeleteTaskAsync(long id, bool force, CancellationToken cancellationToken);

    /// <summary>A task's newest log lines.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="max">How many at most.</param>
    /// <returns>The lines, oldest first, or NotFound.</returns>
    ServiceResult<IReadOnlyList<TaskLogLine>> GetLogs(long id, int max);

    /// <summary>Follows a task's log: <paramref name="callback"/> gets every new line until the subscription is disposed.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="callback">Called on any thread, one line at a time, in order; must not block.</param>
    /// <returns>The subscription, or NotFound.</returns>
    ServiceResult<IDisposable> SubscribeLogs(long id, Action<TaskLogLine> callback);

    /// <summary>Completes when the current run of a task ends (at once when it is not running); never faults.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The wait, or NotFound.</returns>
    ServiceResult<Task> WhenRunEnds(long id);

    /// <summary>The task manager's counters (events dropped, log lines suppressed, Lua memory).</summary>
    /// <returns>A snapshot; zeros when there is no task manager.</returns>
    TaskStatisticsView GetStatistics();

    /// <summary>Stops every task for shutdown (they stay Running in the journal, to start again) and flushes the journal.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>When done.</returns>
    Task ShutdownAsync(CancellationToken cancellationToken);
}
