using System.Collections.Concurrent;
using Liberty.Node.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The node services the Lua API reaches: one instance per node, shared by every <see cref="LuaRun"/>.
/// Each API area adds its own services here as init properties (small additive edits).
/// </summary>
/// <remarks><b>Thread:</b> immutable after construction; read from any thread.</remarks>
internal sealed class LuaServices
{
    /// <summary>Creates the services.</summary>
    /// <param name="host">The task engine every Lua thread runs on.</param>
    public LuaServices(TaskHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        TaskHost = host;
    }

    /// <summary>The task engine.</summary>
    public TaskHost TaskHost { get; }

    /// <summary>The node's clock (the engine's: virtual in specs).</summary>
    public TimeProvider TimeProvider => TaskHost.Time;

    /// <summary>Logging (task logs also go to the node's log under category <c>Liberty.Node.Lua.Api.LuaRun</c>).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Where standalone data and task state are made durable; <see cref="NullTaskStore"/> keeps nothing.</summary>
    public ITaskStore Store { get; init; } = new NullTaskStore();

    /// <summary>The API every task state exposes (built once: <see cref="LuaApiFactory"/>).</summary>
    public LuaApi Api { get; init; } = LuaApiFactory.Shared;

    /// <summary>Every live Lua thread of the node by id (what <c>liberty.post</c> and friends address).</summary>
    internal ConcurrentDictionary<long, LuaThread> Threads { get; } = new();

    /// <summary>
    /// Threads exported under a name (<c>liberty.export</c>): the only threads of a task that other tasks can reach
    /// (<c>liberty.lookup</c> gives their id). A name is freed when its thread ends.
    /// </summary>
    internal ConcurrentDictionary<string, LuaThread> Endpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>The latest run of every Lua task started on this node, by task id (what <c>liberty.watchtask</c> addresses).</summary>
    internal ConcurrentDictionary<long, LuaRun> Tasks { get; } = new();

    /// <summary>The node's devices (the device API reads them without blocking); null when the node runs no devices.</summary>
    public Liberty.Devices.Actors.DeviceDirectory? Devices { get; init; }

    /// <summary>Where task threads subscribe to device events (<c>Libre_SetWaitDevice</c>); null when the node runs no devices.</summary>
    public Liberty.Devices.Bus.DeviceEventBus? DeviceBus { get; init; }

    /// <summary>The device registry actor (creates and removes the virtual devices of tasks); null when the node runs no devices.</summary>
    public Akka.Actor.IActorRef? DeviceRegistry { get; init; }

    /// <summary>The stored actions (<c>Libre_ActionTrigger</c>).</summary>
    public Liberty.Devices.Actions.DeviceActions DeviceActions { get; init; } = Liberty.Devices.Actions.DeviceActions.Empty;

    /// <summary>Task network I/O (sockets, HTTP, the allow-list); null: the I/O functions fail with "network I/O is not enabled".</summary>
    public Liberty.Node.Engine.Io.IoService? Io { get; init; }

    /// <summary>Limits of the Lua front end (memory, log rate, queues of the reactive API).</summary>
    public LuaFrontEndOptions Options { get; init; } = new();
}
