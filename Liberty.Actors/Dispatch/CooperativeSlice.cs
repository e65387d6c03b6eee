namespace Liberty.Actors.Dispatch;

/// <summary>
/// One uninterrupted run on a <see cref="CooperativeDispatcher"/>'s thread: which actor, since when.
/// </summary>
/// <param name="Id">Sequence number of the slice, unique per dispatcher; pass it to <see cref="CooperativeDispatcher.TryAbandon"/>.</param>
/// <param name="Actor">The actor whose code runs in the slice; null for a bare posted callback.</param>
/// <param name="StartTimestamp">When it started, in <see cref="TimeProvider.GetTimestamp"/> units of the system's time provider.</param>
public readonly record struct CooperativeSlice(long Id, IActorRef? Actor, long StartTimestamp);
