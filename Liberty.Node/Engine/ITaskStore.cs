using Liberty.Devices.Model;

namespace Liberty.Node.Engine;

/// <summary>
/// Where the task manager makes its state durable (docs/architecture.md). A change is acknowledged to its
/// caller (an API request, a Lua call) only after the returned task completed: journaled before acknowledged.
/// The node's journal (Liberty.Node.Persistence) implements it; <see cref="NullTaskStore"/> keeps nothing.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread; implementations serialise writes so that they are stored in call order.</para>
/// <para><b>Cancellation:</b> none; a call whose task faulted stored nothing (the caller reports the failure).</para>
/// <para><b>Ordering:</b> changes are applied in the order the calls were made, also when the caller does not
/// await one before making the next (fire-and-forget writes from the cooperative thread stay ordered).</para>
/// </remarks>
public interface ITaskStore
{
    /// <summary>Stores a new version of an app (its source and signature).</summary>
    Task SaveAppAsync(AppRecord app);

    /// <summary>Forgets an app and all its versions.</summary>
    Task RemoveAppAsync(string name);

    /// <summary>Stores a task's definition, state and reason (insert or replace by <see cref="TaskRecord.Id"/>).</summary>
    Task SaveTaskAsync(TaskRecord task);

    /// <summary>Forgets a task and its data.</summary>
    Task DeleteTaskAsync(long taskId);

    /// <summary>Stores one standalone value of a task's data (<c>Libre_DataWriteStandalone</c>); a null value erases it.</summary>
    Task SaveTaskDataAsync(long taskId, string name, string? value);

    /// <summary>Stores the last-known attributes of a device (taken from its reports).</summary>
    Task SaveDeviceStateAsync(DeviceSnapshot device);

    /// <summary>Reads everything back at start: the state after the last acknowledged change.</summary>
    Task<StoredNodeState> LoadAsync();
}
