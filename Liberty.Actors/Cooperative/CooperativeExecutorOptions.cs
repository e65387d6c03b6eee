namespace Liberty.Actors.Cooperative;

/// <summary>Settings of a <see cref="CooperativeExecutor"/>.</summary>
public sealed class CooperativeExecutorOptions
{
    /// <summary>The default <see cref="HandOffThreshold"/>: 100 ms.</summary>
    public static readonly TimeSpan DefaultHandOffThreshold = TimeSpan.FromMilliseconds(100);

    /// <summary>The OS thread's name (a hand-off's fresh thread gets a <c>#n</c> suffix). Default <c>liberty-cooperative</c>.</summary>
    public string ThreadName { get; set; } = "liberty-cooperative";

    /// <summary>
    /// How long a slice may run before the other work continues on a fresh thread (event-model S8), measured
    /// on the real clock (it is about OS threads, not about virtual time). Default
    /// <see cref="DefaultHandOffThreshold"/>; zero turns the hand-off off; negative is refused.
    /// </summary>
    public TimeSpan HandOffThreshold { get; set; } = DefaultHandOffThreshold;

    /// <summary>The clock slices are stamped with (the system's clock; virtual in specs). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(HandOffThreshold, TimeSpan.Zero, nameof(HandOffThreshold));
        ArgumentException.ThrowIfNullOrWhiteSpace(ThreadName, nameof(ThreadName));
        ArgumentNullException.ThrowIfNull(Clock, nameof(Clock));
    }
}
