using System.Collections.Concurrent;
using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Tests.Apps;

/// <summary>An in-memory <see cref="ITaskStore"/> that keeps what it was told, like the journal would.</summary>
internal sealed class RecordingTaskStore : ITaskStore
{
    private readonly Lock _lock = new();
    private readonly List<AppRecord> _apps = [];
    private readonly Dictionary<long, TaskRecord> _tasks = [];
    private readonly Dictionary<long, Dictionary<string, string>> _data = [];

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>What a task save waits for before it completes (a slow or held journal); null: at once.</summary>
    public Func<TaskRecord, Task>? SaveTaskHook { get; set; }

    public TaskRecord? StoredTask(long id)
    {
        lock (_lock)
        {
            return _tasks.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<AppRecord> StoredApps()
    {
        lock (_lock)
        {
            return [.. _apps];
        }
    }

    public string? Data(long id, string name)
    {
        lock (_lock)
        {
            return _data.TryGetValue(id, out var values) ? values.GetValueOrDefault(name) : null;
        }
    }

    public Task SaveAppAsync(AppRecord app)
    {
        lock (_lock)
        {
            _apps.Add(app);
        }
        Calls.Enqueue($"app {app.Name} v{app.Version}");
        return Task.CompletedTask;
    }

    public Task RemoveAppAsync(string name)
    {
        lock (_lock)
        {
            _apps.RemoveAll(a => a.Name == name);
        }
        Calls.Enqueue($"remove app {name}");
        return Task.CompletedTask;
    }

    public Task SaveTaskAsync(TaskRecord task)
    {
        lock (_lock)
        {
            _tasks[task.Id] = task;
        }
        Calls.Enqueue($"task {task.Id} {task.State}");
        return SaveTaskHook?.Invoke(task) ?? Task.CompletedTask;
    }

    public Task DeleteTaskAsync(long taskId)
    {
        lock (_lock)
        {
            _tasks.Remove(taskId);
            _data.Remove(taskId);
        }
        Calls.Enqueue($"delete task {taskId}");
        return Task.CompletedTask;
    }

    public Task SaveTaskDataAsync(long taskId, string name, string? value)
    {
        lock (_lock)
        {
            if (!_data.TryGetValue(taskId, out var values))
            {
                _data[taskId] = values = [];
            }
            if (value is null)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }
        Calls.Enqueue($"data {taskId} {name}={value}");
        return Task.CompletedTask;
    }

    public Task SaveDeviceStateAsync(DeviceSnapshot device) => Task.CompletedTask;

    public Task<StoredNodeState> LoadAsync()
    {
        lock (_lock)
        {
            return Task.FromResult(new StoredNodeState(
                [.. _apps],
                [.. _tasks.Values],
                _data.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(p.Value)),
                []));
        }
    }
}
