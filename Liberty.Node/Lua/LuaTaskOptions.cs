namespace Liberty.Node.Lua;

/// <summary>Limits and services of one task's Lua state (<see cref="LuaState"/>).</summary>
internal sealed class LuaTaskOptions
{
    /// <summary>Default of <see cref="MemoryLimitBytes"/>: 16 MiB.</summary>
    public const long DefaultMemoryLimitBytes = 16L * 1024 * 1024;

    /// <summary>Default of <see cref="HookInstructionCount"/>: 1,000 VM instructions.</summary>
    public const int DefaultHookInstructionCount = 1000;

    /// <summary>
    /// Bytes the state may hold (Lua objects, stacks, lbuffer contents). An allocation that would go over
    /// it ends the task with <see cref="LuaResumeStatus.MemoryLimit"/>. 0 or negative: no limit.
    /// Default <see cref="DefaultMemoryLimitBytes"/>.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = DefaultMemoryLimitBytes;

    /// <summary>
    /// VM instructions between two kill-switch checks on every coroutine. Smaller = faster kills, more
    /// overhead. Must be positive. Default <see cref="DefaultHookInstructionCount"/>.
    /// </summary>
    public int HookInstructionCount { get; init; } = DefaultHookInstructionCount;

    /// <summary>Clock of <c>os.time/date/clock/msticks/utcnow</c>; its local zone is the task's. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives each line of <c>print</c> (already joined with tabs). Null: output is dropped.</summary>
    public Action<string>? Print { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HookInstructionCount);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
