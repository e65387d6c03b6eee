using Liberty.Node.Management;

namespace Liberty.Node.Hosting;

/// <summary>How a node is started beyond its options: clock, extra logging, and the parts tests replace.</summary>
internal sealed class NodeStartSettings
{
    /// <summary>The clock of the actor system and everything on it. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Adds log providers (the console for <c>liberty run</c>); the recent-log ring is always there.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Builds the app and task service from the started node's parts; null for the node's own.</summary>
    public Func<NodeParts, ITaskService>? TaskService { get; init; }

    /// <summary>
    /// <c>liberty run --safe</c>: no task runs at start. Every task that was Running is stored Disabled instead of being
    /// started, so an operator can get back into a node whose tasks misbehave; <c>task resume</c> starts them again.
    /// Default false.
    /// </summary>
    public bool HoldTasks { get; init; }

    /// <summary>How long a stop waits for each step (HTTP drain, task shutdown, actor system) before moving on.</summary>
    public TimeSpan ShutdownStepTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
