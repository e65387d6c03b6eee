using Liberty.Devices.Bus;
using Liberty.Devices.Model;
using Liberty.Tests.Support;

namespace Liberty.Tests.Devices;

public class DeviceEventBusTests(ITestOutputHelper output) : LibertyTestKit(output)
{
    private static DeviceEvent Report(long id, int level) =>
        DeviceEvent.ForReport(id, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(level) }, null, EventSource.Report);

    private static long Level(DeviceEvent e) => e.Attributes![0].TryGetInt64(out var v) ? v : throw new InvalidOperationException("no level");

    [Fact]
    public void Publish_ToSubscribers_EachGetsTheEventOnce()
    {
        var bus = new DeviceEventBus();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        Assert.True(bus.Subscribe(7, new ActorDeviceEventSink(a.Ref)));
        Assert.False(bus.Subscribe(7, new ActorDeviceEventSink(a.Ref)));
        bus.Subscribe(7, new ActorDeviceEventSink(b.Ref));
        bus.Subscribe(8, new ActorDeviceEventSink(b.Ref));

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
        bus.Subscribe(7, new ActorDeviceEventSink(a.Ref));
        bus.Subscribe(9, new ActorDeviceEventSink(a.Ref));

        Assert.True(bus.Unsubscribe(7, new ActorDeviceEventSink(a.Ref)));
        bus.Publish(Report(7, 1));
        bus.UnsubscribeAll(new ActorDeviceEventSink(a.Ref));
        bus.Publish(Report(9, 1));

        a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Empty(bus.SubscribersOf(7));
        Assert.Empty(bus.SubscribersOf(9));
        Assert.False(bus.Unsubscribe(9, new ActorDeviceEventSink(a.Ref)));
    }

    [Fact]
    public void Publish_FullSubscriber_LosesEventsCountedOthersGetAll()
    {
        var bus = new DeviceEventBus();
        var slow = new BoundedSink(capacity: 3);
        var fast = CreateTestProbe();
        bus.Subscribe(7, slow);
        bus.Subscribe(7, new ActorDeviceEventSink(fast.Ref));

        var delivered = Enumerable.Range(0, 11).Select(i => bus.Publish(Report(7, i))).ToList();

        Assert.Equal([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1], delivered);
        Assert.Equal(8, bus.DroppedFor(slow));
        Assert.Equal(8, bus.Dropped);
        Assert.Equal(14, bus.Delivered);
        Assert.Equal(0, bus.DroppedFor(new ActorDeviceEventSink(fast.Ref)));
        var fastLevels = fast.ReceiveN(11).Cast<DeviceEvent>().Select(Level).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i).ToList(), fastLevels);
        // The slow subscriber keeps what fitted, in order.
        Assert.Equal([0L, 1L, 2L], slow.Drain().Select(Level).ToList());
    }

    [Fact]
    public void DroppedFor_TwoFullSinks_CountedPerSinkAndForgottenByUnsubscribeAll()
    {
        var bus = new DeviceEventBus();
        var none = new BoundedSink(capacity: 0);
        var one = new BoundedSink(capacity: 1);
        bus.Subscribe(7, none);
        bus.Subscribe(7, one);
        bus.Subscribe(8, none);

        bus.Publish(Report(7, 1));
        bus.Publish(Report(7, 2));
        bus.Publish(Report(8, 3));

        Assert.Equal(3, bus.DroppedFor(none));
        Assert.Equal(1, bus.DroppedFor(one));
        Assert.Equal(4, bus.Dropped);
        Assert.Equal(0, bus.DroppedFor(new BoundedSink(capacity: 0)));

        bus.UnsubscribeAll(none);

        Assert.Equal(0, bus.DroppedFor(none));
        Assert.Equal(1, bus.DroppedFor(one));
        Assert.Equal(4, bus.Dropped);
        Assert.Equal([one], bus.SubscribersOf(7));
        Assert.Empty(bus.SubscribersOf(8));
    }

    [Fact]
    public async Task Publish_TwoPublishingThreads_EachSinkSeesEachPublishersEventsInOrder()
    {
        const int PerPublisher = 2000;
        var bus = new DeviceEventBus();
        var sinks = new[] { new BoundedSink(int.MaxValue), new BoundedSink(int.MaxValue) };
        foreach (var sink in sinks)
        {
            bus.Subscribe(7, sink);
        }
        using var start = new Barrier(2);

        // Publisher p publishes levels p, p + 2, p + 4...: each publisher's events are told apart by parity.
        var publishers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerPublisher; i++)
            {
                bus.Publish(Report(7, p + (2 * i)));
            }
        })).ToArray();
        await Task.WhenAll(publishers);

        foreach (var sink in sinks)
        {
            var levels = sink.Drain().Select(Level).ToList();
            Assert.Equal(2 * PerPublisher, levels.Count);
            for (var p = 0; p < 2; p++)
            {
                var own = levels.Where(l => l % 2 == p).ToList();
                Assert.Equal(Enumerable.Range(0, PerPublisher).Select(i => (long)(p + (2 * i))).ToList(), own);
            }
        }
        Assert.Equal(4 * PerPublisher, bus.Delivered);
        Assert.Equal(0, bus.Dropped);
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
        var a = new ActorDeviceEventSink(CreateTestProbe().Ref);
        var b = new ActorDeviceEventSink(CreateTestProbe().Ref);

        bus.Subscribe(7, a);
        bus.Subscribe(7, b);
        bus.Unsubscribe(7, a);
        bus.Unsubscribe(7, b);
        bus.Publish(Report(7, 1));
        bus.DeliverLocally(Report(7, 2));

        Assert.Equal([(7L, true), (7L, false)], uplink.Changes);
        Assert.Single(uplink.Sent);
    }
}
