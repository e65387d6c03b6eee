using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

/// <summary>
/// A task: what the <see cref="TaskManager"/> keeps of it across runs and restarts. <see cref="Stored"/> is its
/// definition and last stored state (every change is stored before it takes effect); <see cref="Run"/> its current
/// or last run (a <see cref="LuaRun"/> on a <see cref="TaskRun"/> of the engine); its log and data outlive runs.
/// </summary>
/// <remarks><b>Thread:</b> <see cref="Stored"/>, <see cref="Run"/> and <see cref="RunIsCurrent"/> are written under the
/// manager's gate (or lock); every member may be read anywhere (each a single reference or value).</remarks>
internal sealed class ManagedTask(TaskRecord stored, LuaTaskLog log, LuaTaskData data)
{
    /// <summary>The task as stored: its definition and the last state stored.</summary>
    public TaskRecord Stored { get; set; } = stored;

    /// <summary>The task's id (unique on the node, never reused).</summary>
    public long Id => Stored.Id;

    /// <summary>Its name.</summary>
    public string Name => Stored.Name;

    /// <summary>The app it runs.</summary>
    public string App => Stored.App;

    /// <summary>The app version of its current (or next) run.</summary>
    public int AppVersion => Stored.AppVersion;

    /// <summary>The entry function.</summary>
    public string Function => Stored.Function;

    /// <summary>The arguments as given (JSON), or null.</summary>
    public string? ArgumentsJson => Stored.ArgumentsJson;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt => Stored.CreatedAt;

    /// <summary>The task's log (kept across runs).</summary>
    public LuaTaskLog Log { get; } = log;

    /// <summary>The task's data (kept across runs).</summary>
    public LuaTaskData Data { get; } = data;

    /// <summary>The current or last run; null before the first run of this node's life (e.g. a recovered Disabled task).</summary>
    public LuaRun? Run
    {
        get => Volatile.Read(ref _run);
        set => Volatile.Write(ref _run, value);
    }

    private LuaRun? _run;

    /// <summary>False once the manager changed the state after the run ended (reset): the stored state governs then.</summary>
    public bool RunIsCurrent { get; set; }

    /// <summary>Running, Disabled, Stopped or Error: the run's while it is current, else the stored one.</summary>
    public TaskState State => Governing is { } run ? run.State : Stored.State;

    /// <summary>Why the task is where it is (stopped by whom, ended by itself, killed by what); null while Running.</summary>
    public string? Reason => Governing is { } run ? run.Reason : Stored.Reason;

    /// <summary>The Lua traceback of an Error, when there is one.</summary>
    public string? Traceback => Governing is { } run ? run.Traceback : Stored.Traceback;

    /// <summary>Counters of its current or last run.</summary>
    public TaskStatistics Statistics => Run?.GetStatistics() ?? TaskStatistics.Empty with { LogLinesSuppressed = Log.Suppressed };

    private LuaRun? Governing => Run is { } run && RunIsCurrent ? run : null;
}
