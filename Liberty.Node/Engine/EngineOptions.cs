namespace Liberty.Node.Engine;

/// <summary>Options of the task engine (<see cref="TaskHost"/>). Validated when the host is created.</summary>
public sealed class EngineOptions
{
    /// <summary>Default of <see cref="EventQueueCapacity"/>.</summary>
    public const int DefaultEventQueueCapacity = 64;

    /// <summary>Default of <see cref="WatchdogLimit"/>: 5 s, as Liberty.</summary>
    public static readonly TimeSpan DefaultWatchdogLimit = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="WatchdogCheckInterval"/>.</summary>
    public static readonly TimeSpan DefaultWatchdogCheckInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Default of <see cref="FirstUserEventNumber"/> (numbers below are reserved for system events).</summary>
    public const int DefaultFirstUserEventNumber = 0x100;

    /// <summary>Default of <see cref="LastUserEventNumber"/>.</summary>
    public const int DefaultLastUserEventNumber = 0x7FFF_FFFF;

    /// <summary>
    /// Capacity of each thread's event queue, in events (E1). Default <see cref="DefaultEventQueueCapacity"/>.
    /// Must be positive: 0 or negative is rejected.
    /// </summary>
    public int EventQueueCapacity { get; set; } = DefaultEventQueueCapacity;

    /// <summary>
    /// Longest slice a task thread may run without yielding before the watchdog ends its task in
    /// Error (S7). Default <see cref="DefaultWatchdogLimit"/>. <see cref="TimeSpan.Zero"/> or negative
    /// turns the watchdog off.
    /// </summary>
    public TimeSpan WatchdogLimit { get; set; } = DefaultWatchdogLimit;

    /// <summary>
    /// How often the watchdog looks at the running slice; the kill latency over the limit is at most
    /// this. Default <see cref="DefaultWatchdogCheckInterval"/>. Must be positive when the watchdog is on.
    /// </summary>
    public TimeSpan WatchdogCheckInterval { get; set; } = DefaultWatchdogCheckInterval;

    /// <summary>
    /// How long a slice may run before the other tasks continue on a fresh scheduler thread while it goes on
    /// (event-model S8), on the real clock. Default <see cref="Liberty.Actors.Cooperative.CooperativeExecutorOptions.DefaultHandOffThreshold"/>
    /// (100 ms). <see cref="TimeSpan.Zero"/> turns the hand-off off; negative is rejected. The node gives it to its
    /// cooperative executor when it creates its actor system.
    /// </summary>
    public TimeSpan HandOffThreshold { get; set; } = Liberty.Actors.Cooperative.CooperativeExecutorOptions.DefaultHandOffThreshold;

    /// <summary>First number handed out by the user event allocator (E6). Default <see cref="DefaultFirstUserEventNumber"/>; must be positive.</summary>
    public int FirstUserEventNumber { get; set; } = DefaultFirstUserEventNumber;

    /// <summary>
    /// Last number the allocator hands out; after it, allocation reports exhaustion (numbers are never
    /// reused). Default <see cref="DefaultLastUserEventNumber"/>; must be at least <see cref="FirstUserEventNumber"/>.
    /// </summary>
    public int LastUserEventNumber { get; set; } = DefaultLastUserEventNumber;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the option and the value.</exception>
    public void Validate()
    {
        if (EventQueueCapacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EventQueueCapacity), EventQueueCapacity, "EngineOptions.EventQueueCapacity must be positive.");
        }
        if (WatchdogLimit > TimeSpan.Zero && WatchdogCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WatchdogCheckInterval), WatchdogCheckInterval, "EngineOptions.WatchdogCheckInterval must be positive while the watchdog is on.");
        }
        if (HandOffThreshold < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HandOffThreshold), HandOffThreshold, "EngineOptions.HandOffThreshold must not be negative (zero turns the hand-off off).");
        }
        if (FirstUserEventNumber <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstUserEventNumber), FirstUserEventNumber, "EngineOptions.FirstUserEventNumber must be positive.");
        }
        if (LastUserEventNumber < FirstUserEventNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(LastUserEventNumber), LastUserEventNumber, "EngineOptions.LastUserEventNumber must be at least FirstUserEventNumber.");
        }
    }
}
