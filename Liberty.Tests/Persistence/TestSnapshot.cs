namespace Liberty.Tests.Persistence;

/// <summary>A snapshot state for journal tests (manifest "test.Snapshot").</summary>
public sealed record TestSnapshot(int Count, string Note);
