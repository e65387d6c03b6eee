namespace Liberty.Node.Engine;

/// <summary>What a synchronous post returned (E3).</summary>
/// <param name="Status">Whether the handler ran, or why not.</param>
/// <param name="Value">The handler's result when <paramref name="Status"/> is <see cref="PostSyncStatus.Ok"/>; null otherwise.</param>
public readonly record struct PostSyncResult(PostSyncStatus Status, object? Value);
