using Akka.Actor;

namespace Liberty.Benchmarks.Kernel;

/// <summary>Returns every message to its sender: the far end of the ping-pong and throughput benchmarks.</summary>
public sealed class Ponger : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
