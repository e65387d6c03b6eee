namespace Liberty.Node.Lua.Api;

/// <summary>Options of the Lua front end (per task unless stated). Validated by <see cref="Validate"/> at start.</summary>
internal sealed class LuaFrontEndOptions
{
    /// <summary>Default of <see cref="MemoryLimitBytes"/>.</summary>
    public const long DefaultMemoryLimitBytes = LuaTaskOptions.DefaultMemoryLimitBytes;

    /// <summary>Default of <see cref="LogLinesPerSecond"/>.</summary>
    public const double DefaultLogLinesPerSecond = 100;

    /// <summary>Default of <see cref="LogBurst"/>.</summary>
    public const int DefaultLogBurst = 200;

    /// <summary>Default of <see cref="LogRingCapacity"/>.</summary>
    public const int DefaultLogRingCapacity = 1000;

    /// <summary>Default of <see cref="MaxLogLineLength"/>.</summary>
    public const int DefaultMaxLogLineLength = 1024;

    /// <summary>Default of <see cref="TimeSeriesCapacity"/>.</summary>
    public const int DefaultTimeSeriesCapacity = 10_000;

    /// <summary>Bytes one task's Lua state may hold; 0 or negative: no limit. Default <see cref="DefaultMemoryLimitBytes"/> (16 MiB).</summary>
    public long MemoryLimitBytes { get; init; } = DefaultMemoryLimitBytes;

    /// <summary>VM instructions between two kill-switch checks. Default <see cref="LuaTaskOptions.DefaultHookInstructionCount"/>; must be positive.</summary>
    public int HookInstructionCount { get; init; } = LuaTaskOptions.DefaultHookInstructionCount;

    /// <summary>Log lines per second a task may write in the long run (token bucket refill). Default <see cref="DefaultLogLinesPerSecond"/>; must be positive.</summary>
    public double LogLinesPerSecond { get; init; } = DefaultLogLinesPerSecond;

    /// <summary>Log lines a task may write in a burst (token bucket size). Default <see cref="DefaultLogBurst"/>; must be positive.</summary>
    public int LogBurst { get; init; } = DefaultLogBurst;

    /// <summary>Log entries kept per task (a ring: the oldest go first). Default <see cref="DefaultLogRingCapacity"/>; must be positive.</summary>
    public int LogRingCapacity { get; init; } = DefaultLogRingCapacity;

    /// <summary>Characters of a log line kept; longer lines are cut and end with "...". Default <see cref="DefaultMaxLogLineLength"/>; must be positive.</summary>
    public int MaxLogLineLength { get; init; } = DefaultMaxLogLineLength;

    /// <summary>Points kept per time series (a ring: the oldest go first). Default <see cref="DefaultTimeSeriesCapacity"/>; must be positive.</summary>
    public int TimeSeriesCapacity { get; init; } = DefaultTimeSeriesCapacity;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the option and the value.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HookInstructionCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LogLinesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LogBurst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LogRingCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLogLineLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TimeSeriesCapacity);
    }
}
