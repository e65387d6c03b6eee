namespace Liberty.Actors;

/// <summary>
/// A user message that stops its receiver when processed: messages sent before it are handled
/// first, messages after it go to dead letters.
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
