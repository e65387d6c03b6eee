using Liberty.Node.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The node services the Lua API reaches: one instance per node, shared by every <see cref="LuaTask"/>.
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

    /// <summary>Logging (task logs also go to the node's log under category <c>Liberty.Node.Lua.Api.LuaTask</c>).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Where standalone data and task state are made durable; <see cref="NullTaskStore"/> keeps nothing.</summary>
    public ITaskStore Store { get; init; } = new NullTaskStore();

    /// <summary>The API every task state exposes (built once: <see cref="LuaApiFactory"/>).</summary>
    public LuaApi Api { get; init; } = LuaApiFactory.Shared;

    /// <summary>Limits of the Lua front end (memory, log rate, queues of the reactive API).</summary>
    public LuaFrontEndOptions Options { get; init; } = new();
}
