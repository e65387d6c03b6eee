using Liberty.Actors;
using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>
/// The dispatcher contract, plus what follows when all actors of a dispatcher share one thread:
/// a mailbox with more than <see cref="MessageDispatcher.Throughput"/> messages goes to the back of
/// the line, so actors interleave run by run.
/// </summary>
public abstract class SingleThreadDispatcherContract : DispatcherContract
{
    protected SingleThreadDispatcherContract(ITestOutputHelper output)
        : base(output)
    {
    }

    private sealed class Named : ReceiveActor
    {
        public Named(IActorRef target, ManualResetEventSlim gate)
        {
            Receive<string>(_ =>
            {
                target.Tell("entered");
                if (!gate.Wait(TimeSpan.FromSeconds(10)))
                {
                    throw new TimeoutException("The gate was never opened.");
                }
            }, s => s == "block");
            ReceiveAny(m => target.Tell(m));
        }
    }

    [Theory]
    [InlineData(1, "a1 b1 a2 b2 a3 b3 a4 b4")]
    [InlineData(2, "a1 a2 b1 b2 a3 a4 b3 b4")]
    [InlineData(3, "a1 a2 a3 b1 b2 b3 a4 b4")]
    public void Throughput_TwoActorsQueuedOnTheSharedThread_InterleaveRunByRun(int throughput, string expected)
    {
        var id = NewId($"shared-throughput{throughput}");
        CreateDispatcher(id, throughput);
        using var gate = new ManualResetEventSlim();
        var blocker = Sys.ActorOf(Props.Create(() => new Named(TestActor, gate)).WithDispatcher(id));
        var a = Sys.ActorOf(Props.Create(() => new Named(TestActor, gate)).WithDispatcher(id));
        var b = Sys.ActorOf(Props.Create(() => new Named(TestActor, gate)).WithDispatcher(id));
        foreach (var actor in new[] { blocker, a, b })
        {
            actor.Tell("ready", ActorRefs.NoSender);
            ExpectMsg("ready");
        }

        // Occupy the one thread so that everything below queues up before any of it runs.
        blocker.Tell("block", ActorRefs.NoSender);
        ExpectMsg("entered");
        for (var i = 1; i <= 4; i++)
        {
            a.Tell($"a{i}", ActorRefs.NoSender);
        }
        for (var i = 1; i <= 4; i++)
        {
            b.Tell($"b{i}", ActorRefs.NoSender);
        }
        gate.Set();

        Assert.Equal(expected, string.Join(' ', ReceiveN(8)));
    }
}
