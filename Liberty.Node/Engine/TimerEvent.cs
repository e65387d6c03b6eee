namespace Liberty.Node.Engine;

/// <summary>TIMER (T1): a timer of this thread expired.</summary>
/// <param name="Timer">The timer.</param>
public sealed record TimerEvent(EngineTimer Timer) : EngineEvent
{
    // Which arming of the timer fired; an event of an older arming (the timer was stopped, reset or
    // restarted after it fired) is dropped by GetEvent, so "Stop: no event follows" (T2) holds.
    internal int Generation { get; init; }
}
