using Liberty.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class DeviceEventBusTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private static DeviceEvent Report(long id, int level) =>
        DeviceEvent.ForReport(id, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(level) }, null, EventSource.Report);

    private static long Level(DeviceEvent e) => e.Attributes![0].TryGetInt64(out var v) ? v : throw new InvalidOperationException("no level");

    /// <summary>Blocks in its first message until the gate opens, so its bounded mailbox fills up.</summary>
    private sealed class Stuck(SemaphoreSlim gate, IActorRef forwardTo) : UntypedActor
    {
        private bool _blocked;

        protected override void OnReceive(object message)
        {
            if (!_blocked)
            {
                _blocked = true;
                forwardTo.Tell("entered");
                gate.Wait();
            }
            forwardTo.Tell(message);
        }
    }

    [Fact]
    public void Publish_ToSubscribers_EachGetsTheEventOnce()
    {
        var bus = new DeviceEventBus();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        Assert.True(bus.Subscribe(7, a.Ref));
        Assert.False(bus.Subscribe(7, a.Ref));
        bus.Subscribe(7, b.Ref);
        bus.Subscribe(8, b.Ref);

        var delivered = bus.Publish(Report(7, 10));

        Assert.Equal(2, delivered);
        Assert.Equal(10, Level(a.ExpectMsg<DeviceEvent>()));
        b.ExpectMsg<DeviceEvent>(e => e.Id == 7);
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Publish_AfterUnsubscribe_NotDelivered()
    {
        var bus = new DeviceEventBus();
        var a = CreateTestProbe();
        bus.Subscribe(7, a.Ref);
        bus.Subscribe(9, a.Ref);

        Assert.True(bus.Unsubscribe(7, a.Ref));
        bus.Publish(Report(7, 1));
        bus.UnsubscribeAll(a.Ref);
        bus.Publish(Report(9, 1));

        a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Empty(bus.SubscribersOf(7));
        Assert.Empty(bus.SubscribersOf(9));
    }

    [Fact]
    public void Publish_FullSubscriber_LosesEventsCountedOthersGetAll()
    {
        var bus = new DeviceEventBus();
        using var gate = new SemaphoreSlim(0);
        var slowOut = CreateTestProbe();
        var fast = CreateTestProbe();
        var slow = Sys.ActorOf(Props.Create(() => new Stuck(gate, slowOut.Ref)).WithMailbox(MailboxKind.Bounded(2)));
        bus.Subscribe(7, slow);
        bus.Subscribe(7, fast.Ref);

        try
        {
            // The first event occupies the slow actor; its mailbox (capacity 2) then takes two more.
            bus.Publish(Report(7, 0));
            slowOut.ExpectMsg("entered");
            for (var i = 1; i <= 10; i++)
            {
                bus.Publish(Report(7, i));
            }

            Assert.Equal(8, bus.DroppedFor(slow));
            Assert.Equal(8, bus.Dropped);
            Assert.Equal(0, bus.DroppedFor(fast.Ref));
            var fastLevels = fast.ReceiveN(11).Cast<DeviceEvent>().Select(Level).ToList();
            Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i).ToList(), fastLevels);
        }
        finally
        {
            gate.Release();
        }

        // The slow subscriber gets what fitted, in order: the blocked event and the two queued ones.
        Assert.Equal([0L, 1L, 2L], slowOut.ReceiveN(3).Cast<DeviceEvent>().Select(Level).ToList());
        slowOut.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Uplink : IDeviceEventUplink
    {
        public List<DeviceEvent> Sent { get; } = [];

        public List<(long, bool)> Changes { get; } = [];

        public void Published(DeviceEvent deviceEvent) => Sent.Add(deviceEvent);

        public void SubscriptionChanged(long deviceId, bool hasLocalSubscribers) => Changes.Add((deviceId, hasLocalSubscribers));
    }

    [Fact]
    public void Uplink_FirstAndLastSubscriber_AreReportedAndPublishesForwarded()
    {
        var uplink = new Uplink();
        var bus = new DeviceEventBus { Uplink = uplink };
        var a = CreateTestProbe();
        var b = CreateTestProbe();

        bus.Subscribe(7, a.Ref);
        bus.Subscribe(7, b.Ref);
        bus.Unsubscribe(7, a.Ref);
        bus.Unsubscribe(7, b.Ref);
        bus.Publish(Report(7, 1));
        bus.DeliverLocally(Report(7, 2));

        Assert.Equal([(7L, true), (7L, false)], uplink.Changes);
        Assert.Single(uplink.Sent);
    }
}
