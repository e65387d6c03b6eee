using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Finding actors: Identify / ActorIdentity and ResolveActorRef of path strings.</summary>
public sealed class ActorResolutionTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), name[6..])), s => s.StartsWith("spawn:", StringComparison.Ordinal));
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    [Fact]
    public void Identify_LiveActor_ActorIdentityWithItsRef()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "echo");

        actor.Tell(new Identify(42), TestActor);

        Assert.Equal(new ActorIdentity(42, actor), ExpectMsg<ActorIdentity>());
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public void Identify_NothingAtPath_ActorIdentityWithoutSubject()
    {
        Sys.ResolveActorRef("/user/nobody-here").Tell(new Identify("id"), TestActor);

        Assert.Equal(new ActorIdentity("id", null), ExpectMsg<ActorIdentity>());
    }

    [Fact]
    public void ResolveActorRef_RelativeAndFullPath_SameLiveActor()
    {
        var parent = Sys.ActorOf(Props.Create<Echo>(), "parent");
        parent.Tell("spawn:child", TestActor);
        var child = ExpectMsg<IActorRef>();

        var relative = Sys.ResolveActorRef("/user/parent/child");
        var full = Sys.ResolveActorRef("liberty://test@local/user/parent/child");

        Assert.Equal(child, relative);
        Assert.Equal(child, full);
        relative.Tell("via path", TestActor);
        ExpectMsg("via path");
    }

    [Fact]
    public void ResolveActorRef_OldIncarnationUid_DoesNotReachTheNewActor()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "again");
        var stale = first.Path.ToSerializationFormat();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitCondition(() => !Sys.ResolveActorRef("/user/again").Equals(first), interval: TimeSpan.FromMilliseconds(5));
        var second = Sys.ActorOf(Props.Create<Echo>(), "again");

        var resolved = Sys.ResolveActorRef(stale);

        Assert.NotEqual(second, resolved);
        EventFilter.DeadLetter<string>(s => s == "to the old one").ExpectOne(() => resolved.Tell("to the old one", TestActor));
        Assert.Equal(second, Sys.ResolveActorRef(second.Path.ToSerializationFormat()));
    }

    [Fact]
    public void ResolveActorRef_DeadLettersPath_DeadLetters() =>
        Assert.Equal(Sys.DeadLetters, Sys.ResolveActorRef("/deadLetters"));

    [Theory]
    [InlineData("not a path")]
    [InlineData("http://test@local/user/a")]
    public void ResolveActorRef_NotAPath_ArgumentException(string text) =>
        Assert.Throws<ArgumentException>(() => Sys.ResolveActorRef(text));
}
