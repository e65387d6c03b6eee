namespace Liberty.Actors;

/// <summary>An actor that uses keyed timers (Akka's <c>IWithTimers</c>); the kernel fills <see cref="Timers"/>.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timers; set by the kernel before <c>PreStart</c> runs.</summary>
    ITimerScheduler Timers { get; set; }
}
