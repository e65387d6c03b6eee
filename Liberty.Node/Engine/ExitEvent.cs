namespace Liberty.Node.Engine;

/// <summary>
/// EXIT (E6): the thread is being stopped; queued for threads started with
/// <see cref="ThreadStartOptions.SystemEvents"/>. Its waits throw <see cref="ThreadStoppedException"/>
/// meanwhile, so it is read (if at all) from cleanup code with <see cref="ITaskContext.GetEvent"/>.
/// </summary>
public sealed record ExitEvent : EngineEvent
{
    /// <summary>The only instance.</summary>
    public static ExitEvent Instance { get; } = new();

    private ExitEvent()
    {
    }
}
