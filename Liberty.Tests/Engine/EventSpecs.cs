using Akka.Event;
using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class EventSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    // A thread that sleeps 1 s (events stay queued), then reports everything queued.
    private TaskThread StartSleeper(string name)
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(1));
            Report($"{name} sleeping");
            await sleep;
            var events = new List<object>();
            while (ctx.GetEvent() is { } e)
            {
                events.Add(e);
            }
            Report((name, events));
        }, name);
        ExpectMsg($"{name} sleeping");
        return handle!;
    }

    [Fact]
    public void Post_EachThreadHasItsOwnBoundedQueue_E1()
    {
        var noisy = StartSleeper("noisy");
        var quiet = StartSleeper("quiet");
        // Capacity 4 (EngineSpec).
        var results = Enumerable.Range(0, 6).Select(i => TaskHost.Post(noisy, 500, i)).ToList();
        Assert.Equal([PostResult.Ok, PostResult.Ok, PostResult.Ok, PostResult.Ok, PostResult.Full, PostResult.Full], results);
        Assert.Equal(PostResult.Ok, TaskHost.Post(quiet, 500, "still fine"));
        Assert.Equal(0, quiet.QueueFullCount);
    }

    [Fact]
    public void Post_QueueAtCapacity_ReturnsFullNotStoredCountedForReceiver_E2()
    {
        TaskThread? receiver = null;
        var data = new object();
        Start(async ctx =>
        {
            receiver = ctx.NewThread(async c =>
            {
                await c.SleepFor(TimeSpan.FromSeconds(1));
                var events = new List<object>();
                while (c.GetEvent() is { } e)
                {
                    events.Add(e);
                }
                Report(events);
            });
            // Let the receiver start (until it first runs, its start message holds one slot).
            await ctx.YieldCpu();
            // All posts in one slice: the receiver cannot run in between.
            var results = new List<PostResult>();
            for (var i = 0; i < 6; i++)
            {
                results.Add(ctx.Post(receiver, 500 + i, i == 0 ? data : i));
            }
            Report(results);
            await ctx.Wait();
        });
        var results = ExpectMsg<List<PostResult>>();
        Assert.Equal([PostResult.Ok, PostResult.Ok, PostResult.Ok, PostResult.Ok, PostResult.Full, PostResult.Full], results);
        Assert.Equal(2, receiver!.QueueFullCount);
        Advance(TimeSpan.FromSeconds(1));
        var events = ExpectMsg<List<object>>().Cast<PostedEvent>().ToList();
        Assert.Equal([500, 501, 502, 503], events.Select(e => e.Number));
        Assert.Same(data, events[0].Data);
        Assert.All(events, e => Assert.NotNull(e.From));
    }

    [Fact]
    public void Post_ToANewThreadBeforeItFirstRuns_EachLaterPostStillWakesIt_E2()
    {
        // The first post lands before the new thread's actor exists; it must count like any other, or
        // the thread misses it and from then on only every other post wakes it.
        Start(async ctx =>
        {
            var worker = ctx.NewThread(async c =>
            {
                while (true)
                {
                    await c.Wait();
                    var numbers = new List<int>();
                    while (c.GetEvent() is { } e)
                    {
                        if (e is PostedEvent posted)
                        {
                            numbers.Add(posted.Number);
                        }
                    }
                    Report(numbers);
                }
            });
            for (var n = 301; n <= 303; n++)
            {
                ctx.Post(worker, n);
                var sleep = ctx.SleepFor(TimeSpan.FromMilliseconds(100));
                Report($"posted {n}");
                await sleep;
            }
        });
        for (var n = 301; n <= 303; n++)
        {
            ExpectMsg($"posted {n}");
            Assert.Equal([n], ExpectMsg<List<int>>());
            Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public void PostSync_RunsReceiversHandlerNestedAndReturnsItsResult_E3()
    {
        Start(async ctx =>
        {
            var b = ctx.NewThread(async c =>
            {
                c.SetSyncHandler(e => { Report($"handler {e.Number}"); return (int)e.Data! * 2; });
                Report("b ready");
                await c.Wait();
            });
            await ctx.Wait(TimeSpan.FromSeconds(1));
            var result = ctx.PostSync(b, 600, 21);
            Report("after");
            Report(result);
        });
        ExpectMsg("b ready");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("handler 600");
        ExpectMsg("after");
        Assert.Equal(new PostSyncResult(PostSyncStatus.Ok, 42), ExpectMsg<PostSyncResult>());
    }

    [Fact]
    public void PostSync_ToSelfOrAThreadOnTheCallChain_ReturnsError_E3()
    {
        Start(async ctx =>
        {
            TaskThread self = ctx.Thread;
            ITaskContext? bContext = null;
            var b = ctx.NewThread(async c =>
            {
                bContext = c;
                c.SetSyncHandler(e => bContext!.PostSync(self, 1).Status);
                await c.Wait();
            });
            ctx.SetSyncHandler(_ => "a handled");
            await ctx.YieldCpu();
            Report(ctx.PostSync(ctx.Thread, 1).Status);
            // a → b → a: a is on the call chain.
            Report(ctx.PostSync(b, 2).Value!);
        });
        ExpectMsg(PostSyncStatus.Recursive);
        ExpectMsg(PostSyncStatus.Recursive);
    }

    [Fact]
    public void Broadcast_ReachesSubscribersInStartOrderIncludingPoster_FullOnesMiss_E4()
    {
        var subscribed = new ThreadStartOptions { Broadcasts = true };
        Start(async ctx =>
        {
            var names = new Dictionary<int, string> { [ctx.Thread.Id] = "A" };
            TaskThread Child(string name, bool fill) => ctx.NewThread(async c =>
            {
                if (fill)
                {
                    for (var i = 0; i < 4; i++)
                    {
                        c.Post(c.Thread, 1);
                    }
                }
                var sleep = c.SleepFor(TimeSpan.FromSeconds(1));
                Report($"{name} ready");
                await sleep;
                while (c.GetEvent() is { } e)
                {
                    if (e is PostedEvent { Number: 700 })
                    {
                        Report($"{name} got it");
                    }
                }
            }, subscribed);
            Child("B", fill: false);
            var full = Child("C", fill: true);
            ctx.NewThread(async c => { var sleep = c.SleepFor(TimeSpan.FromSeconds(1)); Report("D ready"); await sleep; });
            await ctx.Wait(TimeSpan.FromMilliseconds(10));
            var result = ctx.Broadcast(700);
            Report(result);
            Report(ctx.GetEvent() is PostedEvent { Number: 700 } ? "A got it" : "A missed it");
            Report(full.QueueFullCount);
        }, options: subscribed);
        ExpectMsgAllOf(["B ready", "C ready", "D ready"]);
        Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(new BroadcastResult(2, 1), ExpectMsg<BroadcastResult>());
        ExpectMsg("A got it");
        ExpectMsg(1L);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("B got it");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Poll_FromAnyOsThread_CollapsesAndComesBeforeQueuedEvents_E5()
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(1));
            Report("sleeping");
            await sleep;
            var events = new List<object>();
            while (ctx.GetEvent() is { } e)
            {
                events.Add(e);
            }
            Report(events);
        });
        ExpectMsg("sleeping");
        TaskHost.Post(handle!, 800, "first");
        var pollers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => TaskHost.Poll(handle!))).ToArray();
        await Task.WhenAll(pollers);
        Advance(TimeSpan.FromSeconds(1));
        var events = ExpectMsg<List<object>>();
        Assert.Equal(2, events.Count);
        Assert.Same(PollEvent.Instance, events[0]);
        Assert.Equal(800, ((PostedEvent)events[1]).Number);
    }

    [Fact]
    public void Init_IsTheFirstEventOfAThreadSubscribedToSystemEvents_E6()
    {
        Start(async ctx =>
        {
            ctx.Post(ctx.Thread, 900);
            Report(ctx.GetEvent()!);
            Report(ctx.GetEvent()!);
            await ctx.YieldCpu();
        }, options: new ThreadStartOptions { SystemEvents = true });
        ExpectMsg<InitEvent>();
        ExpectMsg<PostedEvent>(e => e.Number == 900);
    }

    [Fact]
    public void EventNumbers_NeverReused_ExhaustionReported_E6()
    {
        var options = new EngineOptions { FirstUserEventNumber = 1000, LastUserEventNumber = 1002 };
        using var host = new TaskHost(Sys, options);
        host.StartTask("alloc", async ctx =>
        {
            var got = new List<int>();
            while (ctx.TryAllocateEventNumber(out var n))
            {
                got.Add(n);
            }
            Report(got);
            Report(ctx.TryAllocateEventNumber(out _));
            await ctx.YieldCpu();
        });
        Assert.Equal([1000, 1001, 1002], ExpectMsg<List<int>>());
        ExpectMsg(false);
    }

    [Fact]
    public void Watch_ThreadEnds_ExitedDeliveredExactlyOnce_AlsoWhenWatchedAfterTheEnd_E7()
    {
        Start(async ctx =>
        {
            var child = ctx.NewThread(async c => { await c.YieldCpu(); throw new ThreadExitException(); });
            ctx.Watch(child);
            ctx.Watch(child);
            await ctx.Wait();
            Report(ctx.GetEvent()!);
            Report(ctx.GetEvent() ?? "nothing more");
            // Placed after the end: delivered at once, once.
            ctx.Watch(child);
            await ctx.Wait(TimeSpan.FromSeconds(1));
            Report(ctx.GetEvent()!);
            Report(ctx.GetEvent() ?? "nothing more");
        });
        ExpectMsg<ThreadExitedEvent>(e => e.Outcome == ThreadOutcome.Returned);
        ExpectMsg("nothing more");
        ExpectMsg<ThreadExitedEvent>(e => e.Outcome == ThreadOutcome.Returned);
        ExpectMsg("nothing more");
    }

    [Fact]
    public void Watch_TaskEnds_TaskExitedCarriesItsFinalState_E7()
    {
        var failing = Start(async ctx => { await ctx.YieldCpu(); throw new InvalidOperationException("boom"); }, "failing");
        Start(async ctx =>
        {
            ctx.Watch(failing);
            await ctx.Wait();
            Report(ctx.GetEvent()!);
        }, "watcher");
        var exited = ExpectMsg<TaskExitedEvent>();
        Assert.Equal(TaskState.Error, exited.State);
        Assert.Contains("boom", exited.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreadEnds_QueuedEventsDroppedAndCountedAsDeadLetters_E8()
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(1));
            Report("sleeping");
            await sleep;
        });
        ExpectMsg("sleeping");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(PostResult.Ok, TaskHost.Post(handle!, 1000 + i));
        }
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        Advance(TimeSpan.FromSeconds(1));
        var dropped = Enumerable.Range(0, 3).Select(_ => deadLetters.ExpectMsg<DeadLetter>(TimeSpan.FromSeconds(5)).Message).ToList();
        Assert.Equal([1000, 1001, 1002], dropped.Cast<PostedEvent>().Select(static e => e.Number));
        Assert.Equal(3, handle!.DroppedAtEnd);
        Assert.Equal(PostResult.Ended, TaskHost.Post(handle, 1));
    }

    [Fact]
    public void WaitEventUntil_YieldsFirstAndConsumesEventsThatFailTheCondition_E9()
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            ctx.Post(ctx.Thread, 1);
            ctx.Post(ctx.Thread, 2);
            ctx.Post(ctx.Thread, 3);
            var slicesBefore = Dispatcher.SliceCount;
            var match = await ctx.WaitEventUntil(e => e is PostedEvent { Number: 2 });
            Report(Dispatcher.SliceCount > slicesBefore ? "yielded" : "did not yield");
            Report(((PostedEvent)match).Number);
            Report(((PostedEvent)ctx.GetEvent()!).Number);
            Report(ctx.GetEvent() ?? "1 was consumed");
        });
        ExpectMsg("yielded");
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg("1 was consumed");
    }

    [Fact]
    public void NotifyUntil_ConditionAlreadyTrue_ReturnsAtOnceWithoutYielding_E9()
    {
        Start(async ctx =>
        {
            var notify = new Notify();
            var slicesBefore = Dispatcher.SliceCount;
            await notify.Until(() => true);
            Report(Dispatcher.SliceCount == slicesBefore ? "same slice" : "yielded");
        });
        ExpectMsg("same slice");
    }

    [Fact]
    public void DeviceEvent_IntoFullQueue_IsRefusedForThatSubscriberOnly_PassesThroughUnchanged_E10()
    {
        var full = StartSleeper("full");
        var other = StartSleeper("other");
        var deviceEvent = new DeviceEvent(EventType.AttributeReport, 42, true, ClusterIds.OnOff, null, null, null, null, EventSource.AutoLocal);
        // The device side (DeviceEventBus) delivers through the thread's sink and counts the refusals.
        var accepted = Enumerable.Range(0, 6).Count(_ => full.TryDeliver(deviceEvent));
        Assert.Equal(4, accepted);
        Assert.True(other.TryDeliver(deviceEvent));
        Advance(TimeSpan.FromSeconds(1));
        var reports = ReceiveN(2).Cast<(string Name, List<object> Events)>().ToDictionary(r => r.Name, r => r.Events);
        Assert.Equal(4, reports["full"].Count);
        Assert.Single(reports["other"]);
        Assert.All(reports["full"].Concat(reports["other"]), e => Assert.Same(deviceEvent, e));
    }
}
