namespace Liberty.Actors;

/// <summary>Sent to an actor that received no message for the span set by <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}
