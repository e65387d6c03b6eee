namespace Liberty.Benchmarks.Persistence;

/// <summary>A journal benchmark's event: about as big as a task state change.</summary>
public sealed record BenchEvent(long Id, string State, string Reason);
