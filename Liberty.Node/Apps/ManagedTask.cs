using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

/// <summary>
/// A task as the <see cref="TaskManager"/> keeps it: its definition, its stored state, its log and data (kept
/// across runs) and its current or last run.
/// </summary>
/// <remarks><b>Thread:</b> fields are written under the manager's gate; <see cref="Run"/> and the stored fields are
/// read anywhere (each a single reference or value).</remarks>
internal sealed class ManagedTask
{
    public ManagedTask(TaskRecord record, LuaTaskLog log, LuaTaskData data)
    {
        Id = record.Id;
        Name = record.Name;
        App = record.App;
        AppVersion = record.AppVersion;
        Function = record.Function;
        ArgumentsJson = record.ArgumentsJson;
        CreatedAt = record.CreatedAt;
        StoredState = record.State;
        StoredReason = record.Reason;
        StoredTraceback = record.Traceback;
        Log = log;
        Data = data;
    }

    public long Id { get; }

    public string Name { get; }

    public string App { get; }

    public int AppVersion { get; set; }

    public string Function { get; }

    public string? ArgumentsJson { get; }

    public DateTimeOffset CreatedAt { get; }

    public LuaTaskLog Log { get; }

    public LuaTaskData Data { get; }

    /// <summary>The current or last run; null before the first run of this node's life (e.g. a recovered Disabled task).</summary>
    public volatile LuaTask? Run;

    public TaskState StoredState { get; set; }

    public string? StoredReason { get; set; }

    public string? StoredTraceback { get; set; }

    /// <summary>The state: the run's while it is the current run and has not been superseded by a manager change.</summary>
    public TaskState State => Run is { } run && RunIsCurrent ? run.State : StoredState;

    /// <summary>False once the manager changed the state after the run ended (reset).</summary>
    public bool RunIsCurrent { get; set; }

    public string? Reason => State == TaskState.Error ? (Run is { } run && RunIsCurrent ? run.Reason : StoredReason) : null;

    public string? Traceback => State == TaskState.Error ? (Run is { } run && RunIsCurrent ? run.Traceback : StoredTraceback) : null;

    public TaskRecord ToRecord() => new(Id, Name, App, AppVersion, Function, ArgumentsJson, State, Reason, Traceback, CreatedAt);

    /// <summary>The record of the stored state (a change stored before it takes effect on the run).</summary>
    public TaskRecord ToStoredRecord() => new(Id, Name, App, AppVersion, Function, ArgumentsJson, StoredState, StoredReason, StoredTraceback, CreatedAt);

    public TaskInfo ToInfo() => new(Id, Name, App, AppVersion, Function, ArgumentsJson, State, Reason, Traceback, CreatedAt,
        Run?.GetStatistics() ?? TaskStatistics.Empty with { LogLinesSuppressed = Log.Suppressed });
}
