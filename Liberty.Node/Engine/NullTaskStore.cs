using Liberty.Devices.Model;

namespace Liberty.Node.Engine;

/// <summary>An <see cref="ITaskStore"/> that stores nothing (tests, and nodes that need no durability).</summary>
public sealed class NullTaskStore : ITaskStore
{
    /// <inheritdoc />
    public Task SaveAppAsync(AppRecord app) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RemoveAppAsync(string name) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SaveTaskAsync(TaskRecord task) => Task.CompletedTask;

    /// <inheritdoc />
    public Task DeleteTaskAsync(long taskId) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SaveTaskDataAsync(long taskId, string name, string? value) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SaveDeviceStateAsync(DeviceSnapshot device) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredNodeState> LoadAsync() => Task.FromResult(StoredNodeState.Empty);
}
