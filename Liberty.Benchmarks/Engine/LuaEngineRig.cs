using Akka.Actor;
using Liberty.Actors;
using Liberty.Actors.Cooperative;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Benchmarks.Engine;

/// <summary>
/// A node's engine for benchmarks, on real time: an actor system made by <see cref="LibertyActorSystem.Create"/>
/// (its cooperative executor with the engine options' hand-off threshold, as the node makes it), a
/// <see cref="TaskHost"/> on it, and the Lua services.
/// </summary>
public sealed class LuaEngineRig : IDisposable
{
    private long _nextId;

    public LuaEngineRig(EngineOptions? options = null, long memoryLimit = LuaFrontEndOptions.DefaultMemoryLimitBytes)
    {
        var engine = options ?? new EngineOptions { WatchdogLimit = TimeSpan.Zero, EventQueueCapacity = 64 };
        System = CreateSystem($"bench-{Guid.NewGuid():N}", engine);
        Host = new TaskHost(System, engine);
        Services = new LuaServices(Host) { Options = new LuaFrontEndOptions { MemoryLimitBytes = memoryLimit, LogBurst = 1_000_000, LogLinesPerSecond = 1_000_000 } };
    }

    public ActorSystem System { get; }

    public TaskHost Host { get; }

    internal LuaServices Services { get; }

    /// <summary>An actor system as the node creates it: Liberty's layer on Akka, the engine's hand-off threshold, Akka logging errors only.</summary>
    public static ActorSystem CreateSystem(string name, EngineOptions engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return LibertyActorSystem.Create(name, new LibertyActorSystemOptions
        {
            LogLevel = "ERROR",
            Cooperative = new CooperativeExecutorOptions { HandOffThreshold = engine.HandOffThreshold },
        });
    }

    internal LuaRun Run(string source, string function = "main", params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId);
        var task = new LuaRun(Services, id, $"bench{id}", new LuaTaskDefinition(source, "bench.lua", function, arguments));
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
    }
}
