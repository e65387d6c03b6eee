namespace Liberty.Node.Engine;

/// <summary>How a new thread starts.</summary>
public sealed record ThreadStartOptions
{
    /// <summary>The default: no system events, no broadcasts.</summary>
    public static ThreadStartOptions Default { get; } = new();

    /// <summary>Deliver system events (INIT first, EXIT when stopped) to this thread (E6). Default false.</summary>
    public bool SystemEvents { get; init; }

    /// <summary>Receive broadcasts (E4). Default false; can be changed later with <see cref="ITaskContext.SubscribeBroadcasts"/>.</summary>
    public bool Broadcasts { get; init; }
}
