namespace Liberty.Node.Engine;

/// <summary>POLL (E5): somebody polled the thread; carries no data; repeated polls collapse into one.</summary>
public sealed record PollEvent : EngineEvent
{
    /// <summary>The only instance.</summary>
    public static PollEvent Instance { get; } = new();

    private PollEvent()
    {
    }
}
