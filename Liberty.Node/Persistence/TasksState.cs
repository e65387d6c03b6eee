using System.Collections.Immutable;

namespace Liberty.Node.Persistence;

/// <summary>The node's tasks and their standalone data (snapshot manifest "node.TasksState").</summary>
/// <param name="Tasks">Tasks by id.</param>
/// <param name="Data">Standalone data by task id: name → value.</param>
internal sealed record TasksState(
    ImmutableDictionary<long, Engine.TaskRecord> Tasks,
    ImmutableDictionary<long, ImmutableDictionary<string, string>> Data) : IEventSourced<TasksState>
{
    /// <summary>No tasks.</summary>
    public static TasksState Empty { get; } = new(
        ImmutableDictionary<long, Engine.TaskRecord>.Empty,
        ImmutableDictionary<long, ImmutableDictionary<string, string>>.Empty);

    /// <inheritdoc />
    public TasksState Apply(object @event) => @event switch
    {
        TaskSaved saved => this with { Tasks = Tasks.SetItem(saved.Task.Id, saved.Task) },
        TaskDeleted deleted => new TasksState(Tasks.Remove(deleted.TaskId), Data.Remove(deleted.TaskId)),
        TaskDataSaved data => this with { Data = SetData(data) },
        TasksState imported => imported,
        _ => this,
    };

    private ImmutableDictionary<long, ImmutableDictionary<string, string>> SetData(TaskDataSaved data)
    {
        var values = Data.GetValueOrDefault(data.TaskId) ?? ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        values = data.Value is null ? values.Remove(data.Name) : values.SetItem(data.Name, data.Value);
        return values.IsEmpty ? Data.Remove(data.TaskId) : Data.SetItem(data.TaskId, values);
    }
}
