namespace Liberty.Node.Apps;

/// <summary>
/// Why a task is where it is, for the changes the task manager makes (the engine gives its own: ended by itself,
/// killed by the watchdog, failed with an error). Shown as the task's reason by the API, the CLI and the console.
/// </summary>
internal static class TaskReasons
{
    /// <summary>A stop through the management API (the CLI, the console, another node forwarding it).</summary>
    public const string StoppedByOperator = "stopped by the operator";

    /// <summary>A task that was Running when the node started with <c>liberty run --safe</c>.</summary>
    public const string HeldAtSafeStart = "held at start: the node was started with --safe";

    /// <summary>A reset of a task in Error, keeping what it had failed with.</summary>
    public static string ResetAfter(string? failure) =>
        failure is null ? "reset by the operator" : $"reset by the operator after: {failure}";
}
