namespace Liberty.Actors.Cooperative;

/// <summary>
/// Told when each timed slice of a <see cref="CooperativeExecutor"/> starts and ends (watchdog, statistics): every
/// slice of task code (a <see cref="CooperativeContext"/>'s), and Akka mailbox runs only on a virtual clock.
/// </summary>
/// <remarks>
/// Both methods run on the thread that runs the slice, inside the executor's loop: they must be short,
/// must not block and should not throw (an exception is logged and swallowed). During a hand-off two
/// threads may call them at once (the stuck slice's end and the new runner's slices).
/// </remarks>
public interface ICooperativeSliceObserver
{
    /// <summary>A slice is about to run.</summary>
    /// <param name="slice">The slice.</param>
    void SliceStarted(in CooperativeSlice slice);

    /// <summary>A slice ended (its code returned or yielded at an await).</summary>
    /// <param name="slice">The slice.</param>
    /// <param name="endTimestamp">When it ended, in the executor clock's timestamp units.</param>
    void SliceEnded(in CooperativeSlice slice, long endTimestamp);
}
