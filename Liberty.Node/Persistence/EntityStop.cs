namespace Liberty.Node.Persistence;

/// <summary>Command to a <see cref="TaskStoreEntity{TState}"/>: stop once every write told before is stored (and a running snapshot finished).</summary>
internal sealed class EntityStop
{
    /// <summary>The command.</summary>
    public static EntityStop Instance { get; } = new();

    private EntityStop()
    {
    }
}
