namespace Liberty.Node.Management.Contracts;

/// <summary>A slice running on an OS thread of its own since a hand-off (see <see cref="NodeServices.StuckSlices"/>).</summary>
/// <param name="TaskId">The engine task whose code runs, or null for an actor's mailbox run.</param>
/// <param name="Task">Its name, or null.</param>
/// <param name="Thread">The task thread's id, or null.</param>
/// <param name="Since">When the slice started.</param>
/// <param name="CpuSeconds">CPU time its OS thread has used so far (what a spin costs the gateway); null where it cannot be read.</param>
internal sealed record StuckSlice(long? TaskId, string? Task, int? Thread, DateTimeOffset Since, double? CpuSeconds);
