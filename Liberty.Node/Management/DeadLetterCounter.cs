using Akka.Actor;
using Akka.Event;

namespace Liberty.Node.Management;

/// <summary>Counts the dead letters of a system (messages to actors that are gone), for node status.</summary>
internal sealed class DeadLetterCounter
{
    private long _count;

    private DeadLetterCounter()
    {
    }

    /// <summary>Dead letters seen since <see cref="Start"/>.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Subscribes a counter to the system's event stream.</summary>
    public static DeadLetterCounter Start(ActorSystem system)
    {
        var counter = new DeadLetterCounter();
        var listener = system.ActorOf(Props.Create(() => new Listener(counter)), "dead-letter-counter");
        system.EventStream.Subscribe(listener, typeof(AllDeadLetters));
        return counter;
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(DeadLetterCounter counter) => Receive<AllDeadLetters>(_ => Interlocked.Increment(ref counter._count));
    }
}
