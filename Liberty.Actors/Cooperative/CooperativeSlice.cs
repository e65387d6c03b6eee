namespace Liberty.Actors.Cooperative;

/// <summary>One uninterrupted run on a <see cref="CooperativeExecutor"/>: what, since when.</summary>
/// <param name="Id">Sequence number of the slice, unique per executor.</param>
/// <param name="Context">The cooperative code that runs (null for an actor's mailbox run).</param>
/// <param name="StartTimestamp">When it started, in <see cref="TimeProvider.GetTimestamp"/> units of the executor's clock.</param>
public readonly record struct CooperativeSlice(long Id, CooperativeContext? Context, long StartTimestamp);
