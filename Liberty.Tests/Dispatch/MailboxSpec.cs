using Liberty.Actors;
using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>Helpers shared by the mailbox specs: envelopes for direct tests, and an actor blocked in its handler so messages queue up.</summary>
public abstract class MailboxSpec : global::Liberty.TestKit.TestKit
{
    protected MailboxSpec(ITestOutputHelper output)
        : base(output)
    {
    }

    private protected static Envelope Envelope(object message) => new(message, null);

    /// <summary>Forwards to a target; blocks on a gate for "block".</summary>
    protected sealed class Gated : ReceiveActor
    {
        public Gated(IActorRef target, ManualResetEventSlim gate)
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

    /// <summary>Creates a gated actor with the mailbox under test and blocks it in its handler.</summary>
    protected IActorRef BlockedActor(MailboxKind kind, ManualResetEventSlim gate)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gated(TestActor, gate)).WithMailbox(kind));
        actor.Tell("block", ActorRefs.NoSender);
        ExpectMsg("entered");
        return actor;
    }
}
