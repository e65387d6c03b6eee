namespace Liberty.Benchmarks.Kernel;

/// <summary>Tells a pinger how many round trips to make.</summary>
/// <param name="RoundTrips">Round trips (two messages each).</param>
public sealed record Start(int RoundTrips);
