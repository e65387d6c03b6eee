using Liberty.Node.Engine.Io;
using Liberty.Node.Lua.Api;
using Liberty.Tests.LuaApi;

namespace Liberty.Tests.LuaIo;

/// <summary>Base of the Lua I/O specs: the Lua API specs' host with an <see cref="IoService"/> (LAN device 1 = 127.0.0.1).</summary>
public abstract class LuaIoSpec : LuaApiSpec
{
    private long _nextId = 1000;

    private protected LuaIoSpec(ITestOutputHelper output)
        : base(output)
    {
        var options = new NetworkOptions();
        options.LanDevices.Add(new LanDevice { Id = 1, Name = "loopback device", Host = "127.0.0.1" });
        Io = new IoService(options, Clock);
        IoServices = new LuaServices(Host) { Io = Io };
    }

    private protected IoService Io { get; }

    private protected LuaServices IoServices { get; }

    /// <summary>Starts <paramref name="function"/> of <paramref name="source"/> as a task with I/O enabled.</summary>
    private protected LuaRun RunIo(string source, string function = "main", params object?[] arguments)
    {
        var task = new LuaRun(IoServices, ++_nextId, $"io{_nextId}", new LuaTaskDefinition(source, "app.lua", function, arguments));
        task.Start();
        return task;
    }

    /// <summary>The task's log so far, one string (for failure messages).</summary>
    private protected static string LogOf(LuaRun task) => string.Join(" | ", Lines(task));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Io.Dispose();
        }
    }
}
