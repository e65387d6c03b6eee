using Liberty.Node.Apps.Schema;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Io;

namespace Liberty.Tests.LuaIo;

/// <summary>apps/line-device.lua against a loopback line server.</summary>
public sealed class LineDeviceAppSpecs(ITestOutputHelper output) : LuaIoSpec(output)
{
    private static string AppSource() => AppFile("line-device.lua");

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
        Assert.Fail($"apps/{name} not found above {AppContext.BaseDirectory}");
        return "";
    }

    private LuaRun Start(int port)
    {
        var task = new LuaRun(IoServices, 1, "line-device", new LuaTaskDefinition(AppSource(), "line-device.lua", "LineDevice", [1L, (long)port, true, null]));
        task.Start();
        return task;
    }

    [Fact]
    public void LineDevice_Signature_DescribesTheEntry()
    {
        Assert.True(AppSignature.TryParse(AppFile("line-device.sig"), out var signature, out var error), error);
        Assert.True(signature.TryGetFunction("LineDevice", out var function));
        Assert.Equal(
            ["lanDevice LanDevice", "port Number", "powerOn Boolean", "power VirtualDevice"],
            function.Parameters.Select(p => $"{p.NativeName} {p.Type}"));
        Assert.Equal("1,100,6", function.Parameters[3].VirtualDeviceSpec);
    }

    [Fact]
    public async Task LineDevice_Exchange_SwitchesOnAndMirrorsPower()
    {
        using var server = new LoopbackServer();
        var task = Start(server.Port);
        await server.AcceptAsync();
        Assert.Equal("PWON", await server.ReadUntilAsync());
        await LogLine(task, "connected");
        await server.SendAsync("PWON\rMVUP\r");
        await LogLine(task, "power on");
        await LogLine(task, "status MVUP");
        await server.SendAsync("PWSTA");
        await server.SendAsync("NDBY\r");
        await LogLine(task, "power standby");
        Assert.Equal(TaskState.Running, task.State);
    }

    [Fact]
    public async Task LineDevice_ConnectionDropped_ReconnectsWithBackOff()
    {
        var server = new LoopbackServer();
        var port = server.Port;
        var task = Start(port);
        try
        {
            await server.AcceptAsync();
            Assert.Equal("PWON", await server.ReadUntilAsync());
            server.Drop();
            await Count(task, "disconnected (closed by the peer); reconnecting in 1000 ms", 1);
            await AdvanceUntil(server.AcceptAsync());
            Assert.Equal("PWON", await server.ReadUntilAsync());
            await Count(task, "connected", 2);
        }
        finally
        {
            server.Dispose();
        }
        // A good connection reset the back-off; now nobody listens: each failed attempt doubles the wait.
        await Count(task, "disconnected (closed by the peer); reconnecting in 1000 ms", 2);
        var refused = await LogLine(task, $"disconnected (connect to 127.0.0.1:{port} failed", advance: TimeSpan.FromMilliseconds(100));
        Assert.EndsWith("reconnecting in 2000 ms", refused.Text, StringComparison.Ordinal);
        Assert.Equal(TaskState.Running, task.State);
    }

    // Moves virtual time on (the app sleeps before reconnecting) until the operation completes.
    private async Task AdvanceUntil(Task operation)
    {
        while (!operation.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(operation, Task.Delay(5));
        }
        await operation;
    }

    private static async Task Count(LuaRun task, string line, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Lines(task).Count(l => l == line) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected \"{line}\" {expected} times in 10 s; log: {LogOf(task)}");
            await Task.Delay(5);
        }
    }
}
