using Akka.Actor;
using Liberty.Devices.Bus;
using Liberty.Devices.Actions;
using Liberty.Devices.Actors;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaDevices;

public sealed class LuaDeviceApiSpecs(ITestOutputHelper output) : LuaDeviceSpec(output, [EveningAction()])
{
    private static ActionDeclaration EveningAction()
    {
        var action = new ActionDeclaration { Id = 7, Name = "evening" };
        action.Commands.Add(new ActionCommandDeclaration { Device = "lamp", Cluster = "6", Command = "1" });
        action.Commands.Add(new ActionCommandDeclaration { Device = "hall", Cluster = "0x0008", Command = "0", Arguments = { "64", "0" } });
        return action;
    }

    private const string Describe = """
        local function describe(ev)
          local keys = {}
          for k in pairs(ev.v) do keys[#keys + 1] = k end
          table.sort(keys)
          local v = {}
          for _, k in ipairs(keys) do v[#v + 1] = string.format("%d=%s", k, tostring(ev.v[k])) end
          local a = {}
          if ev.a then
            local ak = {}
            for k in pairs(ev.a) do ak[#ak + 1] = k end
            table.sort(ak)
            for _, k in ipairs(ak) do a[#a + 1] = string.format("%d=%s", k, tostring(ev.a[k])) end
          end
          return string.format("t=%d id=%d ok=%s c=%d d=%s v={%s} a=%s s=%d",
            ev.t, ev.id, tostring(ev.ok), ev.c, tostring(ev.d), table.concat(v, ","), ev.a and ("{" .. table.concat(a, ",") .. "}") or "nil", ev.s)
        end
        """;

    [Fact]
    public async Task SetWaitDevice_UserSwitchesLampOn_ThreadGetsReportTable()
    {
        var lamp = Id("lamp");
        var task = RunWithDevices(Describe + "\n" + """
            function main(lamp)
              Libre_SetWaitDevice(lamp)
              Libre_Log(2, "ready")
              while true do
                Libre_Wait()
                local ev = Libre_GetEvent()
                while ev do
                  Libre_Log(2, describe(ev))
                  ev = Libre_GetEvent()
                end
              end
            end
            """, "main", lamp);
        await LogLine(task, "ready");

        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);

        // v: every attribute of the cluster (OnOff 0, OnTime 0x4001, OffWaitTime 0x4002) keyed by id and by
        // (cluster << 16) | attr (0x60000 = 393216...); a: the changed attribute only; s = 2 manual remote.
        await LogLine(task, $"t=1 id={lamp} ok=true c=6 d=nil v={{0=true,16385=0,16386=0,393216=true,409601=0,409602=0}} a={{0=true}} s=2");
    }

    [Fact]
    public async Task SetWaitDevice_CommandEventFromAVirtualDevice_ArgumentsAsArray()
    {
        var vdev = await CreateVirtual("remote", "1,101,8", owner: 1);
        var task = RunWithDevices(Describe + "\n" + """
            function main(dev)
              Libre_SetWaitDevice(dev)
              Libre_Log(2, "ready")
              Libre_Wait()
              Libre_Log(2, describe(Libre_GetEvent()))
            end
            """, "main", vdev);
        await LogLine(task, "ready");

        Directory.TryGet(vdev, out var entry);
        entry.Actor.Tell(new VirtualDeviceEmitCommand(ClusterIds.Level, CommandIds.Level.MoveToLevel, [128L, 10L], EventSource.ManualLocal), TestActor);

        await LogLine(task, $"t=0 id={vdev} ok=true c=8 d=0 v={{1=128,2=10}} a=nil s=1");
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task ClearWaitDevice_AfterClear_NoMoreEvents()
    {
        var lamp = Id("lamp");
        var probe = Watch(lamp);
        var task = RunWithDevices("""
            function main(lamp)
              Libre_SetWaitDevice(lamp)
              Libre_ClearWaitDevice(lamp)
              Libre_Log(2, "cleared")
              Libre_Wait(1000)
              Libre_Log(2, "event " .. tostring(Libre_GetEvent()))
            end
            """, "main", lamp);
        await LogLine(task, "cleared");

        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);
        probe.ExpectMsg<DeviceEvent>(e => e.Type == EventType.AttributeReport);

        await LogLine(task, "event nil", advance: TimeSpan.FromMilliseconds(200));
        Assert.Equal([new ActorDeviceEventSink(probe.Ref)], Bus.SubscribersOf(lamp));
    }

    [Fact]
    public async Task SetWaitDevice_ThreadOfTheTaskEnded_ItsSubscriptionIsDropped()
    {
        var lamp = Id("lamp");
        var task = RunWithDevices("""
            function main(lamp)
              local t = Libre_NewThread(function() Libre_SetWaitDevice(lamp) end)
              Libre_Wait(0)
              Libre_Wait(0)
              Libre_SetWaitDevice(lamp)
              Libre_Log(2, "subscribed")
              Libre_Wait()
            end
            """, "main", lamp);

        await LogLine(task, "subscribed");

        var only = Assert.Single(Bus.SubscribersOf(lamp));
        Assert.Equal(task.FindThread(task.Threads.Single().Id)!.Engine, only);
    }

    [Fact]
    public async Task SetWaitDevice_QueueFull_EventsDroppedAndCountedInTaskStatistics()
    {
        var vdev = await CreateVirtual("chatty", "1,101,8", owner: 1);
        var task = RunWithDevices("""
            function main(dev)
              Libre_SetWaitDevice(dev)
              Libre_Log(2, "subscribed")
              Libre_Sleep(60000)
            end
            """, "main", vdev);
        await LogLine(task, "subscribed");
        Directory.TryGet(vdev, out var entry);
        var probe = Watch(vdev);

        // The spec engine's queues hold 8 events; the sleeping thread takes none of these 20 (Move sets no state at once,
        // so each is one event: no attribute report follows it). Events of the device's start that reached the queue
        // before the flood hold slots of their own: the flood's drops are counted against the room left.
        await AwaitIdleAsync();
        var queue = task.Threads.Single().Engine.Queue;
        var room = queue.Capacity - queue.Count;
        for (var i = 0; i < 20; i++)
        {
            entry.Actor.Tell(new VirtualDeviceEmitCommand(ClusterIds.Level, CommandIds.Level.Move, [0L, 10L], EventSource.ManualLocal), TestActor);
        }
        for (var i = 0; i < 20; i++)
        {
            probe.ExpectMsg<DeviceEvent>();
        }

        // The watcher may see the last event before the bus has counted its drop at the thread's queue.
        AwaitAssert(() => Assert.Equal(20 - room, task.GetStatistics().EventsDropped), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Reads_KnownAndUnknownDevices_ValueAndOk()
    {
        UserCommand("hall", ClusterIds.Level, CommandIds.Level.MoveToLevel, 77L, 0L);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 77L);

        var task = RunWithDevices("""
            function main(hall, lamp, ghost)
              local on, ok = Libre_DeviceOnOffGet(hall)
              local level, lok = Libre_DeviceLevelGet(hall)
              local lon, lonok = Libre_DeviceOnOffGet(lamp)
              local glevel, gok = Libre_DeviceLevelGet(ghost)
              local gon, gonok = Libre_DeviceOnOffGet(ghost)
              Libre_Log(2, string.format("hall on=%s/%s level=%s/%s type=%s lamp on=%s/%s ghost %s/%s %s/%s",
                tostring(on), tostring(ok), tostring(level), tostring(lok), math.type(level), tostring(lon), tostring(lonok),
                tostring(glevel), tostring(gok), tostring(gon), tostring(gonok)))
              Libre_Log(2, string.format("clusters %s %s %s %s", tostring(Libre_DeviceSupportsCluster(hall, 8)),
                tostring(Libre_DeviceSupportsCluster(hall, 0x0201)), tostring(Libre_DeviceSupportsCluster(lamp + 0.0, 6.0)),
                tostring(Libre_DeviceSupportsCluster(ghost, 6))))
            end
            """, "main", Id("hall"), Id("lamp"), 424242L);

        await LogLine(task, "hall on=true/true level=77/true type=integer lamp on=false/true ghost nil/false nil/false");
        await LogLine(task, "clusters true false true false");
    }

    [Fact]
    public async Task OnOffSet_Lamp_SwitchedOnWithSourceAppEngine()
    {
        var probe = Watch(Id("lamp"));
        RunWithDevices("function main(lamp) Libre_DeviceOnOffSet(lamp, true) end", "main", Id("lamp"));

        var report = probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.AttributeReport && e.Affected is not null);
        Assert.Equal(EventSource.AppEngine, report.Source);
        Assert.Equal((AttributeValue)true, report.Affected![AttributeIds.OnOff.State]);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
    }

    [Fact]
    public async Task OnOffSet_LevelDeviceOff_LevelGoesToZero()
    {
        UserCommand("hall", ClusterIds.Level, CommandIds.Level.MoveToLevel, 90L, 0L);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 90L);

        RunWithDevices("function main(hall) Libre_DeviceOnOffSet(hall, false) end", "main", Id("hall"));

        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        await AwaitAttribute("hall", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
    }

    [Fact]
    public async Task LevelSet_IntegralFloatAndTransition_ReachesLevelAtTheEnd()
    {
        var task = RunWithDevices("""
            function main(hall)
              Libre_DeviceLevelSet(hall, 0)
              Libre_Sleep(100)
              Libre_DeviceLevelSet(hall, 200 / 2, 10)
              Libre_Log(2, "sent")
            end
            """, "main", Id("hall"));
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        await LogLine(task, "sent", advance: TimeSpan.FromMilliseconds(50));
        // The device actor took the command (its ramp of 1 s started) before virtual time moves on.
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.RemainingTime, 10L);

        await AdvanceInStepsAsync(TimeSpan.FromMilliseconds(500), 5);
        // The device actor takes its ramp ticks after the clock moved: read the level once it took them.
        await AwaitConditionAsync(() => Entry("hall").Snapshot.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.RemainingTime, out var left) && left == 5L,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), "the ramp half-way");
        var halfway = Entry("hall").Snapshot.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out var v) ? v : default;
        Assert.True(halfway.TryGetInt64(out var level) && level is > 0 and < 100, $"half-way level {halfway}");
        await AdvanceInStepsAsync(TimeSpan.FromMilliseconds(600), 6);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 100L);
    }

    [Fact]
    public async Task LevelMoveAndStop_OneSecondAtRate100_StopsAt100()
    {
        var timers = Clock.ActiveTimerCount;
        var task = RunWithDevices("""
            function main(hall)
              Libre_DeviceLevelSet(hall, 0)
              Libre_Sleep(100)
              Libre_DeviceLevelMove(hall, 0, 100)
              Libre_Sleep(1000)
              Libre_DeviceLevelStop(hall)
              Libre_Log(2, "stopped")
            end
            """, "main", Id("hall"));

        // The device reads the clock when it handles Move and Stop, the thread when it arms its sleeps: the clock
        // only moves while both are idle, so the ramp and the sleep start at the same instant and Stop lands at +1 s.
        await AwaitSleepArmed(timers);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        await AwaitAttribute("hall", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitSleepArmed(timers);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await LogLine(task, "stopped");
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.RemainingTime, 0L);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 100L);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await Entry("hall").Actor.Ask<DeviceSnapshot>(GetDeviceSnapshot.Instance, TimeSpan.FromSeconds(5));
        Assert.True(after.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out var level) && level == 100L, $"level after stop {level}");
    }

    // Every other timer stays armed while the thread sleeps (device ticks are re-armed, never dropped), so one more
    // armed timer than before the task started is the thread's sleep.
    private async Task AwaitSleepArmed(int timersBefore) =>
        await AwaitConditionAsync(() => Clock.ActiveTimerCount > timersBefore, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), "the thread's sleep timer");

    [Fact]
    public async Task LevelStep_UpBy50_AddsToTheLevel()
    {
        UserCommand("hall", ClusterIds.Level, CommandIds.Level.MoveToLevel, 30L, 0L);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 30L);

        RunWithDevices("function main(hall) Libre_DeviceLevelStep(hall, 0, 50, 0) end", "main", Id("hall"));

        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 80L);
    }

    [Fact]
    public async Task OnWithTimedOff_TwoSeconds_OnThenOff()
    {
        RunWithDevices("function main(lamp) Libre_DeviceOnWithTimedOff(lamp, 20, 0) end", "main", Id("lamp"));

        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AdvanceInStepsAsync(TimeSpan.FromSeconds(2.5));
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
    }

    [Fact]
    public async Task ThermostatSet_HeatingSetpoint_Written()
    {
        RunWithDevices("function main(t) Libre_DeviceThermostatSet(t, {[0x12] = 1900}) end", "main", Id("thermo"));

        await AwaitAttribute("thermo", ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, 1900L);
    }

    [Fact]
    public async Task MultistateSet_Value_PresentValueWritten()
    {
        RunWithDevices("function main(m) Libre_MultistateSet(m, 3) end", "main", Id("multi"));

        await AwaitAttribute("multi", ClusterIds.MultistateOutput, AttributeIds.Multistate.PresentValue, 3L);
    }

    [Fact]
    public async Task DeviceCommandAndSetAttributes_Generic_Applied()
    {
        RunWithDevices("""
            function main(hall, thermo)
              Libre_DeviceCommand(hall, 8, 0, {42, 0})
              Libre_DeviceSetAttributes(thermo, 0x0201, {[0x11] = 2700})
            end
            """, "main", Id("hall"), Id("thermo"));

        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 42L);
        await AwaitAttribute("thermo", ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedCoolingSetpoint, 2700L);
    }

    [Fact]
    public async Task Command_UnknownDevice_ThreadGetsOkFalseEvent()
    {
        var task = RunWithDevices(Describe + "\n" + """
            function main(ghost)
              Libre_DeviceOnOffSet(ghost, true)
              Libre_Wait()
              Libre_Log(2, describe(Libre_GetEvent()))
            end
            """, "main", 424242L);

        await LogLine(task, "t=0 id=424242 ok=false c=6 d=1 v={} a=nil s=5");
    }

    [Fact]
    public async Task Command_RefusedByDevice_ThreadGetsOkFalseEvent()
    {
        var task = RunWithDevices(Describe + "\n" + """
            function main(thermo)
              Libre_DeviceThermostatSet(thermo, {[0x12] = 99999})
              Libre_Wait()
              Libre_Log(2, describe(Libre_GetEvent()))
            end
            """, "main", Id("thermo"));

        await LogLine(task, $"t=1 id={Id("thermo")} ok=false c=513 d=nil v={{}} a=nil s=5");
    }

    [Fact]
    public async Task Command_DeviceStopsAnswering_ThreadGetsOkFalseEventAfterTheTimeout()
    {
        var id = DeviceId.Create("gw1", "mute");
        var driver = new SimulatedDeviceDriver(id, SimulatedKind.OnOffLight, new SimulatedDeviceParameters(), new SimulatedDriverOptions { CommandLatency = TimeSpan.FromMilliseconds(100) }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var entry = new DeviceEntry(driver.Info, isVirtual: false);
        entry.Actor = Sys.ActorOf(DeviceActor.Props(driver, Bus, entry, new DeviceActorOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        Assert.True(Directory.TryAdd(entry));
        await AwaitConditionAsync(() => entry.Snapshot.Ok, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
        driver.InjectFaults(SimulatedFaults.NotAnswering);
        var task = RunWithDevices(Describe + "\n" + """
            function main(dev)
              Libre_DeviceOnOffSet(dev, true)
              Libre_Log(2, "sent")
              Libre_Wait()
              Libre_Log(2, describe(Libre_GetEvent()))
            end
            """, "main", id.Value);
        await LogLine(task, "sent");

        await LogLine(task, $"t=0 id={id.Value} ok=false c=6 d=1 v={{}} a=nil s=5", advance: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SetOnDevice_Reactive_CallbackGetsTagAndEvent()
    {
        var task = RunWithDevices("""
            function main(lamp)
              Libre_SetOnDevice(lamp, function(tag, ev)
                Libre_Log(2, string.format("cb %s t=%d c=%d on=%s", tag, ev.t, ev.c, tostring(ev.v[0])))
                Libre_ExitThread()
              end, "lamp-tag")
              Libre_Log(2, "ready")
              Libre_WaitReactive()
            end
            """, "main", Id("lamp"));
        await LogLine(task, "ready");

        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);

        await LogLine(task, "cb lamp-tag t=1 c=6 on=true");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Empty(Bus.SubscribersOf(Id("lamp")));
    }

    [Fact]
    public async Task ActionTrigger_StoredAction_EveryCommandSent()
    {
        RunWithDevices("function main(action) Libre_ActionTrigger(action, 3) end", "main", 7L);

        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 64L);
    }

    [Theory]
    [InlineData("Libre_DeviceLevelSet(dev, 'x')", "Libre_DeviceLevelSet: argument 2 (level) must be a number, got string")]
    [InlineData("Libre_DeviceLevelSet(dev, 300)", "Libre_DeviceLevelSet: argument 2 (level) must be 0..255, got 300")]
    [InlineData("Libre_DeviceLevelSet(dev, 10, -1)", "Libre_DeviceLevelSet: argument 3 (transition) must be 0..65535, got -1")]
    [InlineData("Libre_DeviceOnOffSet(1.5, true)", "Libre_DeviceOnOffSet: argument 1 (dev) must be an integer, got 1.5")]
    [InlineData("Libre_DeviceOnOffGet(nil)", "Libre_DeviceOnOffGet: argument 1 (dev) must be a number, got nil")]
    [InlineData("Libre_DeviceLevelMove(dev, 2, 10)", "Libre_DeviceLevelMove: argument 2 (mode) must be 0..1, got 2")]
    [InlineData("Libre_DeviceLevelStep(dev, 0, 10, 'slow')", "Libre_DeviceLevelStep: argument 4 (transition) must be a number, got string")]
    [InlineData("Libre_DeviceOnWithTimedOff(dev, 10)", "Libre_DeviceOnWithTimedOff: argument 3 (offWait) must be a number, got no value")]
    [InlineData("Libre_DeviceThermostatSet(dev, 5)", "Libre_DeviceThermostatSet: argument 2 (attrs) must be a table of attribute id = value, got number")]
    [InlineData("Libre_DeviceThermostatSet(dev, {x = 1})", "Libre_DeviceThermostatSet: argument 2 (attrs): key 'x' is not an attribute id")]
    [InlineData("Libre_DeviceSetAttributes(dev, 8, {[1] = {}})", "Libre_DeviceSetAttributes: argument 3 (attrs): the value of attribute 1 must be a boolean, number or string")]
    [InlineData("Libre_DeviceCommand(dev, 8, 300)", "Libre_DeviceCommand: argument 3 (cmd) must be 0..255, got 300")]
    [InlineData("Libre_DeviceCommand(dev, 8, 0, {{}})", "Libre_DeviceCommand: argument 4 (args): element 1 must be a boolean, number or string")]
    [InlineData("Libre_MultistateSet(dev, -1)", "Libre_MultistateSet: argument 2 (value) must be 0..65535, got -1")]
    [InlineData("Libre_DeviceSupportsCluster(dev, 'x')", "Libre_DeviceSupportsCluster: argument 2 (cluster) must be a number, got string")]
    [InlineData("Libre_SetOnDevice(dev, 5)", "Libre_SetOnDevice: argument 2 (cb) must be a function, got number")]
    [InlineData("Libre_ActionTrigger(99, 5)", "Libre_ActionTrigger: argument 1 (action): no action 99")]
    [InlineData("Libre_ActionTrigger(7, 9)", "Libre_ActionTrigger: argument 2 (source) must be 0..8, got 9")]
    [InlineData("coroutine.wrap(function() Libre_SetWaitDevice(dev) end)()", "Libre_SetWaitDevice: must be called from a task thread, not from inside a coroutine the app created")]
    public async Task BadArgument_LuaErrorNamesFunctionAndArgument(string call, string expected)
    {
        var task = RunWithDevices($"function main(dev)\n  {call}\nend\n", "main", Id("hall"));

        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: " + expected, task.Reason, StringComparison.Ordinal);
    }
}
