namespace Liberty.Actors;

/// <summary>
/// A user message that makes its receiver fail with <see cref="ActorKilledException"/> when processed;
/// the default supervisor strategy then stops it.
/// </summary>
public sealed class Kill
{
    private Kill()
    {
    }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();
}
