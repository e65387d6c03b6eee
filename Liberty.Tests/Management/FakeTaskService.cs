using System.Collections.Concurrent;
using Liberty.Node.Management;
using Liberty.Node.Management.Contracts;

namespace Liberty.Tests.Management;

/// <summary>
/// An in-memory app and task service for API and CLI specs: apps must contain "function NAME" for each callable
/// function; "error(" in the source is refused as bad Lua; a started task logs "start FUNCTION ARGS".
/// </summary>
internal sealed class FakeTaskService : ITaskService
{
    private readonly ConcurrentDictionary<string, List<AppVersionView>> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AppView> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskView> _tasks = new();
    private readonly ConcurrentDictionary<long, List<TaskLogLine>> _logs = new();
    private readonly ConcurrentDictionary<long, List<Action<TaskLogLine>>> _followers = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _runs = new();
    private readonly Lock _lock = new();
    private long _nextId;

    public int ShutdownCalls { get; private set; }

    /// <summary>The description files the last deployment brought, by locale (null: none).</summary>
    public IReadOnlyDictionary<string, string>? LastDescriptions { get; private set; }

    public Task<ServiceResult<AppView>> DeployAppAsync(string name, string source, string? signatureJson, IReadOnlyDictionary<string, string>? descriptions, CancellationToken cancellationToken)
    {
        LastDescriptions = descriptions;
        if (source.Contains("error(", StringComparison.Ordinal))
        {
            return Task.FromResult(ServiceResult<AppView>.Fail(ServiceErrorKind.Invalid, $"{name}.lua:1: syntax error near 'error'"));
        }
        var functions = source.Split('\n').Select(static l => l.Trim()).Where(static l => l.StartsWith("function ", StringComparison.Ordinal))
            .Select(static l => l[9..l.IndexOf('(', StringComparison.Ordinal)].Trim()).ToList();
        lock (_lock)
        {
            var versions = _versions.GetOrAdd(name, static _ => []);
            versions.Add(new AppVersionView(versions.Count + 1, DateTimeOffset.UnixEpoch, source.Length));
            var app = new AppView(name, versions.Count, functions, DateTimeOffset.UnixEpoch, signatureJson is not null);
            _apps[name] = app;
            return Task.FromResult(ServiceResult<AppView>.Success(app));
        }
    }

    /// <summary>What <see cref="GetStatistics"/> answers.</summary>
    public TaskStatisticsView Statistics { get; set; } = new(7, 11, 3 * 1024 * 1024);

    public TaskStatisticsView GetStatistics() => Statistics;

    public IReadOnlyList<AppView> ListApps() => [.. _apps.Values.OrderBy(static a => a.Name, StringComparer.Ordinal)];

    public ServiceResult<IReadOnlyList<AppVersionView>> GetAppVersions(string name)
    {
        lock (_lock)
        {
            return _versions.TryGetValue(name, out var v) ? ServiceResult<IReadOnlyList<AppVersionView>>.Success([.. v]) : ServiceResult<IReadOnlyList<AppVersionView>>.Fail(ServiceErrorKind.NotFound, $"no app '{name}'");
        }
    }

    public Task<ServiceResult<bool>> RemoveAppAsync(string name, CancellationToken cancellationToken)
    {
        if (_tasks.Values.Any(t => t.App == name && t.State == "Running"))
        {
            return Task.FromResult(ServiceResult<bool>.Fail(ServiceErrorKind.Conflict, $"app '{name}' has running tasks"));
        }
        _versions.TryRemove(name, out _);
        return Task.FromResult(_apps.TryRemove(name, out _) ? ServiceResult<bool>.Success(true) : ServiceResult<bool>.Fail(ServiceErrorKind.NotFound, $"no app '{name}'"));
    }

    public Task<ServiceResult<TaskView>> StartTaskAsync(string app, string function, string? argumentsJson, string? name, CancellationToken cancellationToken)
    {
        if (!_apps.TryGetValue(app, out var found))
        {
            return Task.FromResult(ServiceResult<TaskView>.Fail(ServiceErrorKind.NotFound, $"no app '{app}'"));
        }
        if (!found.Functions.Contains(function))
        {
            return Task.FromResult(ServiceResult<TaskView>.Fail(ServiceErrorKind.Invalid, $"app '{app}' has no function '{function}'"));
        }
        var id = Interlocked.Increment(ref _nextId);
        var task = new TaskView(id, name ?? $"{app}.{function}", app, function, "Running", null, TaskView.ParseArguments(argumentsJson));
        _runs[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tasks[id] = task;
        _logs[id] = [];
        Log(id, $"start {function} {argumentsJson ?? "[]"}");
        return Task.FromResult(ServiceResult<TaskView>.Success(task));
    }

    public IReadOnlyList<TaskView> ListTasks() => [.. _tasks.Values.OrderBy(static t => t.Id)];

    public ServiceResult<TaskView> FindTask(long id) => _tasks.TryGetValue(id, out var t) ? ServiceResult<TaskView>.Success(t) : NotFound<TaskView>(id);

    public Task<ServiceResult<TaskView>> StopTaskAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Change(id, "Disabled", "stopped by user"));

    public Task<ServiceResult<TaskView>> ResumeTaskAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(_tasks.TryGetValue(id, out var t) && t.State == "Running" ? ServiceResult<TaskView>.Fail(ServiceErrorKind.Conflict, $"task {id} is already Running") : Change(id, "Running", null));

    public Task<ServiceResult<TaskView>> ResetTaskAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Change(id, "Disabled", null));

    public ChoicesView GetChoices() => ChoicesView.None;

    public Task<ServiceResult<TaskView>> ChangeArgumentsAsync(long id, string? argumentsJson, CancellationToken cancellationToken)
    {
        if (_tasks.TryGetValue(id, out var t))
        {
            _tasks[id] = t with { Arguments = TaskView.ParseArguments(argumentsJson) };
        }
        return Task.FromResult(Change(id, "Running", null));
    }

    public Task<ServiceResult<bool>> DeleteTaskAsync(long id, bool force, CancellationToken cancellationToken) =>
        Task.FromResult(_tasks.TryRemove(id, out _) ? ServiceResult<bool>.Success(true) : NotFound<bool>(id));

    public ServiceResult<Task> WhenRunEnds(long id) =>
        _tasks.TryGetValue(id, out var t) ? ServiceResult<Task>.Success(t.State == "Running" && _runs.TryGetValue(id, out var run) ? run.Task : Task.CompletedTask) : NotFound<Task>(id);

    /// <summary>Ends a task's run by itself (its function returned): Stopped.</summary>
    public void End(long id)
    {
        Change(id, "Stopped", null);
    }

    public ServiceResult<IReadOnlyList<TaskLogLine>> GetLogs(long id, int max)
    {
        if (!_logs.TryGetValue(id, out var lines))
        {
            return NotFound<IReadOnlyList<TaskLogLine>>(id);
        }
        lock (_lock)
        {
            return ServiceResult<IReadOnlyList<TaskLogLine>>.Success([.. lines.TakeLast(max)]);
        }
    }

    public ServiceResult<IDisposable> SubscribeLogs(long id, Action<TaskLogLine> callback)
    {
        if (!_logs.ContainsKey(id))
        {
            return NotFound<IDisposable>(id);
        }
        lock (_lock)
        {
            _followers.GetOrAdd(id, static _ => []).Add(callback);
        }
        return ServiceResult<IDisposable>.Success(new Unsubscriber(() =>
        {
            lock (_lock)
            {
                _followers[id].Remove(callback);
            }
        }));
    }

    public int Followers(long id)
    {
        lock (_lock)
        {
            return _followers.TryGetValue(id, out var list) ? list.Count : 0;
        }
    }

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        ShutdownCalls++;
        return Task.CompletedTask;
    }

    /// <summary>Appends a line to a task's log, as the task's print would.</summary>
    public void Log(long id, string text)
    {
        List<Action<TaskLogLine>> followers;
        TaskLogLine line;
        lock (_lock)
        {
            var lines = _logs[id];
            line = new TaskLogLine(lines.Count + 1, DateTimeOffset.UnixEpoch.AddSeconds(lines.Count), text);
            lines.Add(line);
            followers = _followers.TryGetValue(id, out var f) ? [.. f] : [];
        }
        foreach (var follower in followers)
        {
            follower(line);
        }
    }

    private ServiceResult<TaskView> Change(long id, string state, string? reason)
    {
        if (!_tasks.TryGetValue(id, out var t))
        {
            return NotFound<TaskView>(id);
        }
        var changed = t with { State = state, Reason = reason };
        _tasks[id] = changed;
        if (state == "Running")
        {
            _runs[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else if (_runs.TryGetValue(id, out var run))
        {
            run.TrySetResult();
        }
        return ServiceResult<TaskView>.Success(changed);
    }

    private static ServiceResult<T> NotFound<T>(long id) => ServiceResult<T>.Fail(ServiceErrorKind.NotFound, $"no task {id}");

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
