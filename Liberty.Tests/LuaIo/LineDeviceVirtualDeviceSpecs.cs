using Liberty.Node.Engine.Io;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Io;
using Liberty.Tests.LuaDevices;

namespace Liberty.Tests.LuaIo;

/// <summary>apps/line-device.lua with a virtual on/off device mirroring the power state.</summary>
public sealed class LineDeviceVirtualDeviceSpecs : LuaDeviceSpec
{
    private const long TaskId = 500;
    private readonly IoService _io;
    private readonly LuaServices _services;

    public LineDeviceVirtualDeviceSpecs(ITestOutputHelper output)
        : base(output)
    {
        var options = new NetworkOptions();
        options.LanDevices.Add(new LanDevice { Id = 1, Name = "receiver", Host = "127.0.0.1" });
        _io = new IoService(options, Clock);
        _services = new LuaServices(Host)
        {
            Options = Services.Options,
            Devices = Directory,
            DeviceBus = Bus,
            DeviceRegistry = Registry,
            Io = _io,
        };
    }

    [Fact]
    public async Task LineDevice_StatusLines_MirrorPowerToTheVirtualDevice()
    {
        using var server = new LoopbackServer();
        var vdev = await CreateVirtual("receiver-power", "1,100,6", TaskId);
        Assert.True(Directory.TryGet(vdev, out var power));
        var source = File.ReadAllText(Path.Combine(FindApps(), "line-device.lua"));
        var task = new LuaRun(_services, TaskId, "line-device", new LuaTaskDefinition(source, "line-device.lua", "LineDevice", [1L, (long)server.Port, false, vdev]));
        task.Start();
        await server.AcceptAsync();
        Assert.Equal("PW?", await server.ReadUntilAsync());
        await server.SendAsync("PWON\r");
        await AwaitConditionAsync(() => power.Snapshot.TryGetOnOff(out var on) && on, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), "virtual device on");
        await server.SendAsync("PWSTANDBY\r");
        await AwaitConditionAsync(() => power.Snapshot.TryGetOnOff(out var on) && !on, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), "virtual device off");
        await LogLine(task, "power standby");
        task.Stop();
        await Ended(task);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _io.Dispose();
        }
    }

    private static string FindApps()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "apps", "line-device.lua")))
            {
                return Path.Combine(dir.FullName, "apps");
            }
        }
        throw new FileNotFoundException($"apps/line-device.lua not found above {AppContext.BaseDirectory}");
    }
}
