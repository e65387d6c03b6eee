namespace Liberty.Actors.Dispatch;

/// <summary>
/// Told when each slice of a <see cref="CooperativeDispatcher"/> starts and ends (a watchdog, statistics).
/// </summary>
/// <remarks>
/// Both methods run <b>on the cooperative thread</b>, inside the dispatcher loop: they must be short,
/// must not block, and must not throw (an exception is swallowed and the observer is not told again
/// for that slice). Hand work to another thread if there is any.
/// </remarks>
public interface ICooperativeSliceObserver
{
    /// <summary>A slice is about to run.</summary>
    /// <param name="slice">The slice.</param>
    void SliceStarted(in CooperativeSlice slice);

    /// <summary>A slice ended (its handler returned or yielded at an await).</summary>
    /// <param name="slice">The slice.</param>
    /// <param name="endTimestamp">When it ended, in the system time provider's timestamp units.</param>
    void SliceEnded(in CooperativeSlice slice, long endTimestamp);
}
