using Liberty.Node.Apps;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>The management API's view of the node's <see cref="TaskManager"/> (and the journal under it).</summary>
/// <param name="manager">The task manager.</param>
/// <param name="store">The persistence to stop at shutdown (everything told to it stored first), or null.</param>
/// <param name="io">The task networking to close at shutdown, or null.</param>
internal sealed class TaskManagerService(TaskManager manager, IAsyncDisposable? store, Liberty.Node.Engine.Io.IoService? io = null) : ITaskService
{
    /// <inheritdoc/>
    public async Task<ServiceResult<AppView>> DeployAppAsync(string name, string source, string? signatureJson, IReadOnlyDictionary<string, string>? descriptions, CancellationToken cancellationToken) =>
        Map(await manager.DeployAppAsync(name, source, signatureJson, descriptions).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public IReadOnlyList<AppView> ListApps() => [.. manager.ListApps().Select(ToView)];

    /// <inheritdoc/>
    public ServiceResult<IReadOnlyList<AppVersionView>> GetAppVersions(string name) =>
        Map(manager.GetAppVersions(name), static versions => (IReadOnlyList<AppVersionView>)[.. versions.Select(static v => new AppVersionView(v.Version, v.DeployedAt, v.SourceLength))]);

    /// <inheritdoc/>
    public async Task<ServiceResult<bool>> RemoveAppAsync(string name, CancellationToken cancellationToken) =>
        Map(await manager.RemoveAppAsync(name).ConfigureAwait(false), static _ => true);

    /// <inheritdoc/>
    public async Task<ServiceResult<TaskView>> StartTaskAsync(string app, string function, string? argumentsJson, string? name, CancellationToken cancellationToken) =>
        Map(await manager.StartTaskAsync(app, function, argumentsJson, name).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public IReadOnlyList<TaskView> ListTasks() => [.. manager.ListTasks().Select(ToView)];

    /// <inheritdoc/>
    public ServiceResult<TaskView> FindTask(long id) => Map(manager.FindTask(id), ToView);

    /// <inheritdoc/>
    public async Task<ServiceResult<TaskView>> StopTaskAsync(long id, CancellationToken cancellationToken) => Map(await manager.StopTaskAsync(id).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public async Task<ServiceResult<TaskView>> ResumeTaskAsync(long id, CancellationToken cancellationToken) => Map(await manager.ResumeTaskAsync(id).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public async Task<ServiceResult<TaskView>> ResetTaskAsync(long id, CancellationToken cancellationToken) => Map(await manager.ResetTaskAsync(id).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public ChoicesView GetChoices() => new(
        [.. (io?.Options.LanDevices ?? []).Select(static d => new ChoiceView(d.Id, d.Name.Length > 0 ? d.Name : d.Host))],
        [.. manager.Actions.All.Select(static a => new ChoiceView(a.Id, a.Name))],
        []);

    /// <inheritdoc/>
    public async Task<ServiceResult<TaskView>> ChangeArgumentsAsync(long id, string? argumentsJson, CancellationToken cancellationToken) =>
        Map(await manager.ChangeArgumentsAsync(id, argumentsJson).ConfigureAwait(false), ToView);

    /// <inheritdoc/>
    public async Task<ServiceResult<bool>> DeleteTaskAsync(long id, bool force, CancellationToken cancellationToken) => Map(await manager.DeleteTaskAsync(id, force).ConfigureAwait(false), static _ => true);

    /// <inheritdoc/>
    public ServiceResult<IReadOnlyList<TaskLogLine>> GetLogs(long id, int max) =>
        Map(manager.GetLogs(id, max), static lines => (IReadOnlyList<TaskLogLine>)[.. lines.Select(static l => ToLine(l))]);

    /// <inheritdoc/>
    public ServiceResult<IDisposable> SubscribeLogs(long id, Action<TaskLogLine> callback) => Map(manager.SubscribeLogs(id, e => callback(ToLine(e))), static s => s);

    /// <inheritdoc/>
    public ServiceResult<Task> WhenRunEnds(long id) => Map(manager.WhenRunEnds(id), static t => t);

    /// <inheritdoc/>
    public TaskStatisticsView GetStatistics()
    {
        var statistics = manager.GetStatistics();
        return new TaskStatisticsView(statistics.EventsDropped, statistics.LogLinesSuppressed, statistics.MemoryUsed);
    }

    /// <inheritdoc/>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        // Running tasks are stopped without storing Disabled: they start again at the next start.
        manager.Dispose();
        io?.Dispose();
        if (store is not null)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TaskLogLine ToLine(TaskLogEntry entry) => new(entry.Sequence, entry.Time, entry.Text);

    private static AppView ToView(AppInfo app) => new(app.Name, app.Version, app.Functions, app.DeployedAt, app.Signature is not null)
    {
        Locales = app.Locales,
        Texts = app.Texts,
        Described = app.Described,
    };

    private static TaskView ToView(ManagedTask task) => new(task.Id, task.Name, task.App, task.Function, task.State.ToString(), task.Reason, TaskView.ParseArguments(task.ArgumentsJson),
        task.Traceback, ToView(task.Statistics));

    private static TaskRunStatisticsView ToView(TaskStatistics s) =>
        new(s.Threads, s.EventsDropped, s.LogLinesSuppressed, s.MemoryUsed, s.MemoryPeak, s.LongestSlice.TotalMilliseconds, s.BusyTime.TotalMilliseconds, s.LastActivity);

    private static ServiceResult<TOut> Map<TIn, TOut>(TaskManagerResult<TIn> result, Func<TIn, TOut> map) =>
        result.Ok ? ServiceResult<TOut>.Success(map(result.Value!)) : ServiceResult<TOut>.Fail(result.Kind switch
        {
            TaskManagerErrorKind.NotFound => ServiceErrorKind.NotFound,
            TaskManagerErrorKind.Conflict => ServiceErrorKind.Conflict,
            _ => ServiceErrorKind.Invalid,
        }, result.Error ?? result.Kind.ToString()) with { Path = result.Path };
}
