using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaDevices;

public sealed class LuaVirtualDeviceApiSpecs(ITestOutputHelper output) : LuaDeviceSpec(output)
{
    private async Task<long> Owned(string name = "combo", string spec = "1,101,8") => await CreateVirtual(name, spec, NextTaskId);

    private DeviceEntry EntryOf(long id) => Directory.TryGet(id, out var entry) ? entry : throw new InvalidOperationException($"no device {id}");

    private async Task AwaitVirtual(long id, int cluster, int attribute, AttributeValue expected)
    {
        var entry = EntryOf(id);
        await AwaitConditionAsync(() => entry.Snapshot.TryGetAttribute(cluster, attribute, out var v) && v == expected, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5),
            $"{cluster:x4}/{attribute:x4} = {expected}");
    }

    [Fact]
    public async Task SetWaitVirtualDevice_UserCommand_ThreadGetsItAndAcknowledgesWithSet()
    {
        var vdev = await Owned("light", "1,100,6");
        var probe = Watch(vdev);
        var task = RunWithDevices("""
            function main(vdev)
              Libre_SetWaitVirtualDevice(vdev)
              Libre_Log(2, "ready")
              Libre_Wait()
              local ev = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d id=%d c=%d d=%d s=%d", ev.t, ev.id, ev.c, ev.d, ev.s))
              Libre_VirtualDeviceOnOffSet(vdev, ev.d == 1, ev.s)
              Libre_VirtualDeviceOnOffReport(vdev, ev.d == 1)
            end
            """, "main", vdev);
        await LogLine(task, "ready");

        EntryOf(vdev).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);

        await LogLine(task, $"t=0 id={vdev} c=6 d=1 s=2");
        var ack = probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.Command);
        Assert.Equal(DeviceEvent.ForCommand(vdev, ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), ack);
        await AwaitVirtual(vdev, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    // A combiner in the style of the real ones: a global entry, a Libre_Wait / Libre_GetEvent drain loop, commands
    // forwarded to the real lights and acknowledged with ...Set alone (never ...Report).
    private const string Combiner = """
        function ComboOnOff(input, output)
          Libre_SetWaitVirtualDevice(output)
          Libre_Log(2, "combining")
          while true do
            Libre_Wait(1000)
            while true do
              local ev = Libre_GetEvent()
              if ev == nil then break end
              if ev.id == output and ev.t == 0 and ev.c == 6 then
                local on = ev.d == 1 or (ev.d == 2 and not Libre_DeviceOnOffGet(output))
                for _, dev in ipairs(input) do Libre_DeviceOnOffSet(dev, on) end
                Libre_VirtualDeviceOnOffSet(output, on, ev.s)
              elseif ev.id == output and ev.t == 0 and ev.c == 8 then
                for _, dev in ipairs(input) do Libre_DeviceLevelSet(dev, ev.v[1]) end
                Libre_VirtualDeviceLevelSet(output, ev.v[1], ev.s)
              end
            end
          end
        end
        """;

    [Fact]
    public async Task Combiner_CommandAcknowledgedWithSetAlone_VirtualDeviceShowsTheNewStateEachTime()
    {
        var output = await Owned("both", "1,100,6");
        var task = RunWithDevices(Combiner, "ComboOnOff", new object?[] { Id("lamp"), Id("lamp2") }, output);
        await LogLine(task, "combining");

        EntryOf(output).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);
        await AwaitVirtual(output, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitAttribute("lamp2", ClusterIds.OnOff, AttributeIds.OnOff.State, true);

        EntryOf(output).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Off, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);
        await AwaitVirtual(output, ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);

        EntryOf(output).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);
        await AwaitVirtual(output, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Equal(TaskState.Running, task.State);
    }

    [Fact]
    public async Task LevelSet_AcknowledgesAMoveToLevel_VirtualDeviceTakesTheLevelAndOn()
    {
        var output = await Owned("dim", "1,101,8");
        var task = RunWithDevices(Combiner, "ComboOnOff", new object?[] { Id("hall") }, output);
        await LogLine(task, "combining");

        EntryOf(output).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevel, [120L, 0L], EventSource.ManualRemote), ReplyWithResult: false), TestActor);

        await AwaitVirtual(output, ClusterIds.Level, AttributeIds.Level.CurrentLevel, 120L);
        await AwaitVirtual(output, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitAttribute("hall", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 120L);
    }

    [Fact]
    public async Task SetWaitVirtualDevice_AttributeWrite_ArrivesAsT1WithWrittenValues()
    {
        var vdev = await Owned();
        var task = RunWithDevices("""
            function main(vdev)
              Libre_SetWaitVirtualDevice(vdev)
              Libre_Log(2, "ready")
              Libre_Wait()
              local ev = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d c=%d v=%s a=%s s=%d", ev.t, ev.c, tostring(ev.v[0x10]), tostring(ev.a[0x10]), ev.s))
            end
            """, "main", vdev);
        await LogLine(task, "ready");

        EntryOf(vdev).Actor.Tell(new WriteDeviceAttributes(new AttributeWrite(ClusterIds.Level, new Dictionary<int, AttributeValue> { [AttributeIds.Level.OnOffTransitionTime] = 5L }, EventSource.ManualLocal), ReplyWithResult: false), TestActor);

        await LogLine(task, "t=1 c=8 v=5 a=5 s=1");
    }

    [Fact]
    public async Task SetWaitVirtualDevice_SecondThread_RefusedWhileTheFirstWatches()
    {
        var vdev = await Owned();
        var task = RunWithDevices("""
            function main(vdev)
              Libre_SetWaitVirtualDevice(vdev)
              local t = Libre_NewThread(function()
                local ok, err = pcall(Libre_SetWaitVirtualDevice, vdev)
                Libre_Log(2, "second: " .. tostring(ok) .. " " .. tostring(err))
              end)
              Libre_Wait(0)
              Libre_ClearWaitVirtualDevice(vdev)
              Libre_NewThread(function()
                Libre_SetWaitVirtualDevice(vdev)
                Libre_Log(2, "third watches")
              end)
              Libre_Wait(0)
            end
            """, "main", vdev);

        var line = await LogLine(task, "second: false");
        Assert.Matches(@"Libre_SetWaitVirtualDevice: virtual device \d+ is already watched by thread \d+; only one thread may watch it", line.Text);
        await LogLine(task, "third watches");
    }

    [Fact]
    public async Task VirtualDeviceFunctions_AnotherTasksDevice_Refused()
    {
        var foreign = await CreateVirtual("foreign", "1,100,6", owner: 1);
        var task = RunWithDevices("""
            function main(vdev, real)
              local ok1, e1 = pcall(Libre_VirtualDeviceOnOffReport, vdev, true)
              local ok2, e2 = pcall(Libre_SetWaitVirtualDevice, real)
              Libre_Log(2, e1)
              Libre_Log(2, e2)
            end
            """, "main", foreign, Id("lamp"));

        await LogLine(task, $"Libre_VirtualDeviceOnOffReport: argument 1 (vdev): {foreign} is not a virtual device of this task");
        await LogLine(task, $"Libre_SetWaitVirtualDevice: argument 1 (vdev): {Id("lamp")} is not a virtual device of this task");
    }

    [Fact]
    public async Task LevelSetAndReport_EmitsMoveToLevelAndReportsLevelAndOnOff()
    {
        var vdev = await Owned();
        var probe = Watch(vdev);

        RunWithDevices("""
            function main(vdev)
              Libre_VirtualDeviceLevelSet(vdev, 120, 3, 10)
              Libre_VirtualDeviceLevelReport(vdev, 120.0, 3)
            end
            """, "main", vdev);

        Assert.Equal(DeviceEvent.ForCommand(vdev, ClusterIds.Level, CommandIds.Level.MoveToLevel, [120L, 10L], EventSource.AutoLocal), probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.Command));
        await AwaitVirtual(vdev, ClusterIds.Level, AttributeIds.Level.CurrentLevel, 120L);
        await AwaitVirtual(vdev, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
    }

    [Fact]
    public async Task LevelConfigExtra_AttributesOfClusterFC02Reported()
    {
        var vdev = await Owned("cfg", "1,101,8|fc02");

        RunWithDevices("function main(v) Libre_VirtualDeviceLevelConfigExtra(v, 10, 200, true, 5, 2, 300) end", "main", vdev);

        await AwaitVirtual(vdev, ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepIntervalMs, 300L);
        var snapshot = EntryOf(vdev).Snapshot;
        Assert.True(snapshot.TryGetAttribute(ClusterIds.LevelConfig, AttributeIds.LevelConfig.Min, out var min) && min == 10L);
        Assert.True(snapshot.TryGetAttribute(ClusterIds.LevelConfig, AttributeIds.LevelConfig.Max, out var max) && max == 200L);
        Assert.True(snapshot.TryGetAttribute(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepOnly, out var stepOnly) && stepOnly == true);
        Assert.True(snapshot.TryGetAttribute(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepSingle, out var single) && single == 5L);
        Assert.True(snapshot.TryGetAttribute(ClusterIds.LevelConfig, AttributeIds.LevelConfig.StepRepeat, out var repeat) && repeat == 2L);
    }

    [Fact]
    public async Task StatusDeviceDown_UnavailableUntilNextReport()
    {
        var vdev = await Owned("downy", "1,100,6");
        var task = RunWithDevices("""
            function main(v)
              Libre_VirtualDeviceStatusDeviceDown(v)
              Libre_Log(2, "down")
              Libre_Sleep(1000)
              Libre_VirtualDeviceOnOffReport(v, false)
            end
            """, "main", vdev);
        await LogLine(task, "down");

        await AwaitConditionAsync(() => !EntryOf(vdev).Snapshot.Ok, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
        await AdvanceInStepsAsync(TimeSpan.FromSeconds(1.2));
        await AwaitConditionAsync(() => EntryOf(vdev).Snapshot.Ok, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task GenericForms_SetAttributesUpdateAndCommand_Applied()
    {
        var vdev = await Owned("generic", "1,101,8");
        var probe = Watch(vdev);

        RunWithDevices("""
            function main(v)
              Libre_VirtualDeviceSetAttributes(v, 8, {[0] = 33}, 7)
              Libertas_VirtualDeviceUpdate(v, 6, {[0] = true})
              Libertas_VirtualDeviceCommand(v, 8, 4, 1, {200, 0})
            end
            """, "main", vdev);

        var written = probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.AttributeReport && e.Cluster == ClusterIds.Level);
        Assert.Equal((AttributeValue)33L, written.Affected![AttributeIds.Level.CurrentLevel]);
        Assert.Equal(EventSource.Report, written.Source);
        Assert.Equal(DeviceEvent.ForCommand(vdev, ClusterIds.Level, CommandIds.Level.MoveToLevelWithOnOff, [200L, 0L], EventSource.ManualLocal), probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.Command));
        // The command also sets the device's own state (docs/app-api.md section 6).
        await AwaitVirtual(vdev, ClusterIds.Level, AttributeIds.Level.CurrentLevel, 200L);
        await AwaitVirtual(vdev, ClusterIds.OnOff, AttributeIds.OnOff.State, true);
    }

    [Fact]
    public async Task SetOnVirtualDevice_Reactive_CallbackGetsTagAndEvent()
    {
        var vdev = await Owned("reactive", "1,100,6");
        var task = RunWithDevices("""
            function main(v)
              Libre_SetOnVirtualDevice(v, function(tag, ev)
                Libre_Log(2, string.format("cb %s t=%d d=%d s=%d", tag, ev.t, ev.d, ev.s))
                Libre_VirtualDeviceOnOffSet(v, ev.d == 1, ev.s)
                Libre_ExitThread()
              end, 42)
              Libre_Log(2, "ready")
              Libre_WaitReactive()
            end
            """, "main", vdev);
        await LogLine(task, "ready");

        EntryOf(vdev).Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Off, [], EventSource.AutoRemote), ReplyWithResult: false), TestActor);

        await LogLine(task, "cb 42 t=0 d=0 s=4");
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task TaskEnd_SubscriptionsReleased()
    {
        var vdev = await Owned("ending", "1,100,6");
        var task = RunWithDevices("""
            function main(v, lamp)
              Libre_SetWaitVirtualDevice(v)
              Libre_SetWaitDevice(lamp)
              Libre_NewThread(function() Libre_SetWaitDevice(lamp) Libre_Wait(500) end)
              Libre_Wait(0)
              Libre_Log(2, "subscribed")
              Libre_Wait(1000)
            end
            """, "main", vdev, Id("lamp"));
        await LogLine(task, "subscribed");
        Assert.Equal(2, Bus.SubscribersOf(Id("lamp")).Count);

        await AdvanceInStepsAsync(TimeSpan.FromSeconds(1.5));

        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Empty(Bus.SubscribersOf(Id("lamp")));
    }

    [Theory]
    [InlineData("Libre_VirtualDeviceOnOffSet(v, true, 9)", "Libre_VirtualDeviceOnOffSet: argument 3 (source) must be 0..8, got 9")]
    [InlineData("Libre_VirtualDeviceLevelSet(v, 256, 1)", "Libre_VirtualDeviceLevelSet: argument 2 (level) must be 0..255, got 256")]
    [InlineData("Libre_VirtualDeviceLevelReport(v, 'x', 1)", "Libre_VirtualDeviceLevelReport: argument 2 (level) must be a number, got string")]
    [InlineData("Libre_VirtualDeviceLevelConfigExtra(v, 200, 10, false, 1, 1)", "Libre_VirtualDeviceLevelConfigExtra: min 200 is above max 10")]
    [InlineData("Libre_VirtualDeviceLevelConfigExtra(v, 0, 10, false, 0, 1)", "Libre_VirtualDeviceLevelConfigExtra: argument 5 (stepSingle) must be 1..255, got 0")]
    [InlineData("Libre_VirtualDeviceSetAttributes(v, 6, 'on', 1)", "Libre_VirtualDeviceSetAttributes: argument 3 (attrs) must be a table of attribute id = value, got string")]
    [InlineData("Libertas_VirtualDeviceCommand(v, 6, 1, 1, 5)", "Libertas_VirtualDeviceCommand: argument 5 (args) must be an array of values, got number")]
    [InlineData("Libre_SetOnVirtualDevice(v, 'cb')", "Libre_SetOnVirtualDevice: argument 2 (cb) must be a function, got string")]
    [InlineData("Libre_VirtualDeviceStatusDeviceDown(12345)", "Libre_VirtualDeviceStatusDeviceDown: argument 1 (vdev): 12345 is not a virtual device of this task")]
    public async Task BadArgument_LuaErrorNamesFunctionAndArgument(string call, string expected)
    {
        var vdev = await Owned("bad", "1,101,8");
        var task = RunWithDevices($"function main(v)\n  {call}\nend\n", "main", vdev);

        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: " + expected, task.Reason, StringComparison.Ordinal);
    }
}
