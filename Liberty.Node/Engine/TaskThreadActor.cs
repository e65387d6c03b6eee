using Akka.Actor;

namespace Liberty.Node.Engine;

/// <summary>
/// The actor of one task thread, on the cooperative dispatcher: what other actors (device actors replying
/// to a command, the cluster) address the thread by. It moves every message it receives into the thread's
/// own bounded event queue (<see cref="TaskThread.Accept"/>; overflow is dropped and counted there). The
/// thread's code does not run inside this actor: it runs as continuations on the thread's cooperative
/// context (see <see cref="TaskThread"/>).
/// </summary>
internal sealed class TaskThreadActor : ReceiveActor
{
    public TaskThreadActor(TaskThread thread) => ReceiveAny(thread.Accept);
}
