using Liberty.Actors;
using Liberty.Actors.Dispatch;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Benchmarks.Engine;

/// <summary>A node's Lua engine for benchmarks: actor system, cooperative dispatcher, task host, Lua services (real time).</summary>
public sealed class LuaEngineRig : IDisposable
{
    private readonly CooperativeDispatcher _dispatcher;
    private long _nextId;

    public LuaEngineRig(EngineOptions? options = null, long memoryLimit = LuaFrontEndOptions.DefaultMemoryLimitBytes)
    {
        System = ActorSystem.Create($"bench-{Guid.NewGuid():N}");
        _dispatcher = new CooperativeDispatcher("lua-bench");
        System.Dispatchers.Register(_dispatcher);
        Host = new TaskHost(System, _dispatcher, options ?? new EngineOptions { WatchdogLimit = TimeSpan.Zero, EventQueueCapacity = 64 });
        Services = new LuaServices(Host) { Options = new LuaFrontEndOptions { MemoryLimitBytes = memoryLimit, LogBurst = 1_000_000, LogLinesPerSecond = 1_000_000 } };
    }

    public ActorSystem System { get; }

    public TaskHost Host { get; }

    internal LuaServices Services { get; }

    internal LuaTask Run(string source, string function = "main", params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId);
        var task = new LuaTask(Services, id, $"bench{id}", new LuaTaskDefinition(source, "bench.lua", function, arguments));
        task.Start();
        return task;
    }

    public void Dispose()
    {
        foreach (var task in Host.Tasks)
        {
            Host.StopTask(task);
        }
        foreach (var task in Host.Tasks)
        {
            task.WhenEnded.Wait(TimeSpan.FromSeconds(30));
        }
        Host.Dispose();
        System.Terminate().Wait(TimeSpan.FromSeconds(30));
        _dispatcher.Dispose();
    }
}
