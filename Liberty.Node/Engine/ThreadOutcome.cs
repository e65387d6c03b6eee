namespace Liberty.Node.Engine;

/// <summary>How a thread ended.</summary>
public enum ThreadOutcome
{
    /// <summary>It has not ended.</summary>
    None,

    /// <summary>Its entry returned, or it called <see cref="ITaskContext.ExitThread()"/>.</summary>
    Returned,

    /// <summary>It was stopped (task stopped, another thread ended it, or its task ended in Error).</summary>
    Stopped,

    /// <summary>It threw an uncaught exception; its task is in Error.</summary>
    Failed,

    /// <summary>The watchdog killed it; its task is in Error.</summary>
    Killed,
}
