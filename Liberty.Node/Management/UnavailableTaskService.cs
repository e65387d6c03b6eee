using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>The task service of a node built without the task manager: lists are empty, everything else is 503.</summary>
internal sealed class UnavailableTaskService : ITaskService
{
    private const string Message = "apps and tasks are not available on this build of the node (no task manager).";

    /// <summary>The one instance.</summary>
    public static UnavailableTaskService Instance { get; } = new();

    /// <inheritdoc/>
    public Task<ServiceResult<AppView>> DeployAppAsync(string name, string source, string? signatureJson, IReadOnlyDictionary<string, string>? descriptions, CancellationToken cancellationToken) => Task.FromResult(Fail<AppView>());

    /// <inheritdoc/>
    public IReadOnlyList<AppView> ListApps() => [];

    /// <inheritdoc/>
    public TaskStatisticsView GetStatistics() => new(0, 0, 0);

    /// <inheritdoc/>
    public ServiceResult<IReadOnlyList<AppVersionView>> GetAppVersions(string name) => Fail<IReadOnlyList<AppVersionView>>();

    /// <inheritdoc/>
    public Task<ServiceResult<bool>> RemoveAppAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Fail<bool>());

    /// <inheritdoc/>
    public Task<ServiceResult<TaskView>> StartTaskAsync(string app, string function, string? argumentsJson, string? name, CancellationToken cancellationToken) => Task.FromResult(Fail<TaskView>());

    /// <inheritdoc/>
    public IReadOnlyList<TaskView> ListTasks() => [];

    /// <inheritdoc/>
    public ServiceResult<TaskView> FindTask(long id) => Fail<TaskView>();

    /// <inheritdoc/>
    public Task<ServiceResult<TaskView>> StopTaskAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Fail<TaskView>());

    /// <inheritdoc/>
    public Task<ServiceResult<TaskView>> ResumeTaskAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Fail<TaskView>());

    /// <inheritdoc/>
    public Task<ServiceResult<TaskView>> ResetTaskAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Fail<TaskView>());

    /// <inheritdoc/>
    public ChoicesView GetChoices() => ChoicesView.None;

    /// <inheritdoc/>
    public Task<ServiceResult<TaskView>> ChangeArgumentsAsync(long id, string? argumentsJson, CancellationToken cancellationToken) => Task.FromResult(Fail<TaskView>());

    /// <inheritdoc/>
    public Task<ServiceResult<bool>> DeleteTaskAsync(long id, bool force, CancellationToken cancellationToken) => Task.FromResult(Fail<bool>());

    /// <inheritdoc/>
    public ServiceResult<IReadOnlyList<TaskLogLine>> GetLogs(long id, int max) => Fail<IReadOnlyList<TaskLogLine>>();

    /// <inheritdoc/>
    public ServiceResult<IDisposable> SubscribeLogs(long id, Action<TaskLogLine> callback) => Fail<IDisposable>();

    /// <inheritdoc/>
    public ServiceResult<Task> WhenRunEnds(long id) => Fail<Task>();

    /// <inheritdoc/>
    public Task ShutdownAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static ServiceResult<T> Fail<T>() => ServiceResult<T>.Fail(ServiceErrorKind.Unavailable, Message);
}
