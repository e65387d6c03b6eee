namespace Liberty.Actors.Cooperative;

/// <summary>A slice that a hand-off left running on an OS thread of its own (see <see cref="CooperativeExecutor.GetStuckSlices"/>).</summary>
/// <param name="Slice">The slice.</param>
/// <param name="OsThreadId">The kernel's id of its thread (Linux; 0 elsewhere), for reading the CPU it burns (<see cref="OsThread.CpuTime"/>).</param>
public readonly record struct CooperativeStuckSlice(CooperativeSlice Slice, int OsThreadId);
