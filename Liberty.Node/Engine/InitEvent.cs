namespace Liberty.Node.Engine;

/// <summary>INIT (E6): the first event of a thread started with <see cref="ThreadStartOptions.SystemEvents"/>.</summary>
public sealed record InitEvent : EngineEvent
{
    /// <summary>The only instance.</summary>
    public static InitEvent Instance { get; } = new();

    private InitEvent()
    {
    }
}
