namespace Liberty.Node.Persistence;

/// <summary>What became of an <see cref="AtomicWrite"/>.</summary>
internal enum AppendStatus
{
    /// <summary>Every event is stored (durably, as the store promises).</summary>
    Stored,

    /// <summary>Nothing is stored: the first sequence number was not the entity's highest + 1 (someone else wrote, or the writer's view is stale).</summary>
    Conflict,
}
