using Liberty.Devices.Model;

namespace Liberty.Node.Engine;

/// <summary>What <see cref="ITaskStore.LoadAsync"/> reads back.</summary>
/// <param name="Apps">Every stored version of every app, oldest first per app.</param>
/// <param name="Tasks">Every task, by id.</param>
/// <param name="TaskData">Standalone data per task id: name → value.</param>
/// <param name="Devices">Last-known attributes per device.</param>
public sealed record StoredNodeState(
    IReadOnlyList<AppRecord> Apps,
    IReadOnlyList<TaskRecord> Tasks,
    IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>> TaskData,
    IReadOnlyList<DeviceSnapshot> Devices)
{
    /// <summary>A node that has stored nothing yet.</summary>
    public static StoredNodeState Empty { get; } = new([], [], new Dictionary<long, IReadOnlyDictionary<string, string>>(), []);
}
