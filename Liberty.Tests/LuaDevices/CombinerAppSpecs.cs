using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaDevices;

public sealed class CombinerAppSpecs(ITestOutputHelper output) : LuaDeviceSpec(output)
{
    private static string AppFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "apps", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }
        throw new FileNotFoundException($"apps/{name} not found above {AppContext.BaseDirectory}");
    }

    private async Task<(ArgumentBinding Binding, long Output)> Bind(string argumentsJson)
    {
        Assert.True(AppSignature.TryParse(AppFile("combiner.sig"), out var signature, out var error), error);
        var lookups = new ArgumentLookups { Device = ArgumentLookups.FromDirectory(Directory) };
        var binding = await ArgumentBinder.BindAsync(signature, "ComboOnOff", argumentsJson, lookups, new RegistryVirtualDeviceFactory(Registry, TimeSpan.FromSeconds(5)), NextTaskId);
        Assert.True(binding.Ok, binding.Error);
        return (binding, Assert.Single(binding.VirtualDevices));
    }

    [Fact]
    public async Task Combiner_VirtualLightSwitchesLightsAndMirrorsTheirReports()
    {
        var (binding, vdev) = await Bind("""{"input": ["gw1/lamp", "gw1/lamp2"]}""");
        Assert.True(Directory.TryGet(vdev, out var virtualLight));
        var probe = Watch(vdev);
        var task = RunWithDevices(AppFile("combiner.lua"), "ComboOnOff", [.. binding.Values]);
        // What the task manager does: the binder's cleanup runs when the task ends (it posts to the registry; not awaited here).
        task.OnEnd(() => _ = binding.Cleanup().AsTask());
        await LogLine(task, $"combining 2 lights into {vdev} (off)");

        // A user switches the virtual light on: both lights go on, the command is acknowledged with the user's source.
        virtualLight.Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitAttribute("lamp2", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Equal(DeviceEvent.ForCommand(vdev, ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.Command));
        await AwaitConditionAsync(() => virtualLight.Snapshot.TryGetOnOff(out var on) && on, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));

        // The lights are switched off one by one at the wall: the virtual light follows once none is on.
        UserCommand("lamp2", ClusterIds.OnOff, CommandIds.OnOff.Off);
        await AwaitAttribute("lamp2", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.Off);
        await AwaitConditionAsync(() => virtualLight.Snapshot.TryGetOnOff(out var on) && !on, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));

        // Toggle from a remote: on again (the next command from the virtual light is this acknowledgement: no other was emitted).
        virtualLight.Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.AutoRemote), ReplyWithResult: false), TestActor);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Equal(DeviceEvent.ForCommand(vdev, ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AutoRemote), probe.FishForMessage<DeviceEvent>(e => e.Type == EventType.Command));

        // Stopping the task removes its virtual light.
        task.Stop();
        Assert.Equal(TaskState.Disabled, await Ended(task));
        await AwaitConditionAsync(() => !Directory.TryGet(vdev, out _), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task Combiner_Signature_RefusesAThermostatAndAnEmptyList()
    {
        Assert.True(AppSignature.TryParse(AppFile("combiner.sig"), out var signature, out _));
        var lookups = new ArgumentLookups { Device = ArgumentLookups.FromDirectory(Directory) };

        var thermostat = await ArgumentBinder.BindAsync(signature, "ComboOnOff", """[["gw1/thermo"]]""", lookups, null, 1);
        var empty = await ArgumentBinder.BindAsync(signature, "ComboOnOff", """[[]]""", lookups, null, 1);

        Assert.Equal("input[1]: device gw1/thermo (Thermostat, type 0301, clusters 0201) does not match DeviceType '1,ffff,6'.", thermostat.Error);
        Assert.Equal("input: 0 elements, fewer than SizeMin 1.", empty.Error);
        Assert.DoesNotContain(Directory.All, e => e.IsVirtual);
    }
}
