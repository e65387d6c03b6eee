using Liberty.Actors;

namespace Liberty.Node.Engine;

/// <summary>
/// The actor of one task thread. Its bounded mailbox is the thread's event queue (E1). The first
/// message (<see cref="StartThread"/>) starts the thread's code as one async handler that lasts the
/// thread's whole life: the kernel suspends the mailbox meanwhile, so events stay queued until
/// <see cref="TaskThread.GetEvent"/> takes them, and every continuation of the code runs inside this
/// actor as a new slice on the cooperative dispatcher.
/// </summary>
internal sealed class TaskThreadActor : ReceiveActor
{
    public TaskThreadActor(TaskThread thread)
    {
        SetMessageStoredCallback(thread.OnMessageStored);
        ReceiveAsync<StartThread>(_ => thread.RunAsync(this));
    }

    /// <summary>Takes the next queued event (only inside this actor's own code).</summary>
    public bool TryTake(out object message) => TryTakeNextMessage(out message, out _);

    /// <summary>Events queued and not yet taken (any thread; see <see cref="ActorBase.QueuedMessageCount"/>).</summary>
    public int QueuedCount => QueuedMessageCount;

    /// <summary>The first message a thread actor gets; never counted as an event.</summary>
    internal sealed class StartThread
    {
        public static StartThread Instance { get; } = new();
    }
}
