using Akka.Actor;
using Liberty.Devices.Bus;

namespace Liberty.Node.Engine;

/// <summary>
/// Names one task thread: what <see cref="ITaskContext.NewThread"/> returns and what posts, watches and
/// interrupts take. Cheap to copy around; stays valid (and answers <see cref="IsEnded"/>) after the thread ended.
/// </summary>
/// <remarks><b>Thread:</b> every member may be read from any thread.</remarks>
public sealed class ThreadHandle
{
    internal ThreadHandle(TaskThread thread) => Thread = thread;

    internal TaskThread Thread { get; }

    /// <summary>The thread's id, unique on this host (1, 2, ... in start order).</summary>
    public int Id => Thread.Id;

    /// <summary>The task the thread belongs to.</summary>
    public EngineTask Task => Thread.Task;

    /// <summary>The thread's actor: messages told to it (a device's reply to a command) go into the thread's event queue.</summary>
    public IActorRef ActorRef => Thread.Ref;

    /// <summary>The thread as a device-event subscriber: events go straight into its queue (full: dropped and counted).</summary>
    public IDeviceEventSink Sink => Thread;

    /// <summary>True once the thread has ended.</summary>
    public bool IsEnded => Thread.Outcome != ThreadOutcome.None;

    /// <summary>How the thread ended; <see cref="ThreadOutcome.None"/> while it runs.</summary>
    public ThreadOutcome Outcome => Thread.Outcome;

    /// <summary>Events refused because this thread's queue was full (E2, E4, E10 as far as the engine sees them).</summary>
    public long QueueFullCount => Thread.QueueFullCount;

    /// <summary>Events still queued when the thread ended, dropped as dead letters (E8).</summary>
    public long DroppedAtEnd => Thread.DroppedAtEnd;

    /// <summary>Wakes the thread's current or next wait without an event (<c>Libertas_NotifyThread</c>). Any thread.</summary>
    internal void Wake() => Thread.RequestWake();

    /// <inheritdoc />
    public override string ToString() => $"thread {Id} of task {Thread.Task.Id}";
}
