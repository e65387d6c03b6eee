namespace Liberty.Node.Engine;

/// <summary>The state of a task (docs/app-api.md section 2).</summary>
public enum TaskState
{
    /// <summary>At least one thread runs or waits.</summary>
    Running,

    /// <summary>Stopped by a user; may be started again.</summary>
    Disabled,

    /// <summary>Every thread ended without error (natural end).</summary>
    Stopped,

    /// <summary>A thread failed (uncaught exception, watchdog kill); the reason is kept.</summary>
    Error,
}
