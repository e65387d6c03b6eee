using Liberty.Actors;
using Liberty.Actors.Events;

namespace Liberty.Tests.Actors;

/// <summary>EventStream: subscription by type hierarchy, unsubscribe, dead letters and unhandled messages.</summary>
public sealed class EventStreamTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public interface IAnimal;

    public sealed record Dog(string Name) : IAnimal;

    public sealed record Rock(string Name);

    public sealed record Marker(int N);

    private sealed class OnlyInts : ReceiveActor
    {
        public OnlyInts() => Receive<int>(_ => { });
    }

    [Fact]
    public void Subscribe_ByInterface_ReceivesImplementingEventsOnly()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(IAnimal));

        Sys.EventStream.Publish(new Rock("granite"));
        Sys.EventStream.Publish(new Dog("rex"));

        ExpectMsg(new Dog("rex"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Subscribe_ToBaseAndConcreteType_EventDeliveredOnce()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(IAnimal)));
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(Dog)));
        Assert.False(Sys.EventStream.Subscribe(TestActor, typeof(Dog)));
        Sys.EventStream.Subscribe(TestActor, typeof(Marker));

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Marker(1));

        ExpectMsg(new Dog("rex"));
        ExpectMsg(new Marker(1));
    }

    [Fact]
    public void Unsubscribe_OneChannel_NoLongerReceivesIt()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Dog));
        Sys.EventStream.Subscribe(TestActor, typeof(Marker));

        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(Dog)));
        Assert.False(Sys.EventStream.Unsubscribe(TestActor, typeof(Dog)));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Marker(1));

        ExpectMsg(new Marker(1));
    }

    [Fact]
    public void Unsubscribe_All_NoLongerReceivesAnything()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Dog));
        Sys.EventStream.Subscribe(probe.Ref, typeof(Marker));
        Sys.EventStream.Subscribe(TestActor, typeof(Marker));

        Sys.EventStream.Unsubscribe(probe.Ref);
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Marker(1));

        ExpectMsg(new Marker(1));
        Assert.Equal(0, probe.PendingMessageCount);
    }

    [Fact]
    public void DeadLetter_MessageToStoppedActor_PublishedWithSenderAndRecipient()
    {
        var actor = Sys.ActorOf(Props.Create<OnlyInts>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var sender = CreateTestProbe("sender");
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));

        actor.Tell("lost", sender.Ref);

        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal(("lost", sender.Ref, actor), (letter.Message, letter.Sender, letter.Recipient));
    }

    [Fact]
    public void UnhandledMessage_NotHandled_PublishedWithSenderAndRecipient()
    {
        var actor = Sys.ActorOf(Props.Create<OnlyInts>());
        var sender = CreateTestProbe("sender");
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));

        actor.Tell("what?", sender.Ref);

        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(("what?", sender.Ref, actor), (unhandled.Message, unhandled.Sender, unhandled.Recipient));
    }

    [Fact]
    public void HasSubscribers_ByAssignableType_ReflectsSubscriptions()
    {
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Dog)));

        Sys.EventStream.Subscribe(TestActor, typeof(IAnimal));

        Assert.True(Sys.EventStream.HasSubscribers(typeof(Dog)));
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Rock)));
    }
}
