using Liberty.Actors;

namespace Liberty.Benchmarks.Kernel;

/// <summary>Returns every message to its sender: the far end of the ping-pong and throughput benchmarks.</summary>
public sealed class Ponger : ActorBase
{
    protected internal override bool Receive(object message)
    {
        Sender.Tell(message, Self);
        return true;
    }
}
