using Liberty.Devices.Actors;
using Liberty.Devices.Drivers;
using Liberty.Node.Engine;

namespace Liberty.Node.Hosting;

/// <summary>
/// Everything a node is configured with, bound from configuration sections <c>Node</c>, <c>Http</c>,
/// <c>Engine</c>, <c>Network</c>, <c>Devices</c>, <c>DeviceActor</c>, <c>Mqtt</c>, <c>Lua</c>, <c>Persistence</c> and <c>Cluster</c> (NodeConfiguration says where they come from).
/// </summary>
public sealed class NodeOptions
{
    /// <summary>Default node name (<c>Node:Name</c>).</summary>
    public const string DefaultName = "node1";

    /// <summary>Default data folder (<c>Node:DataFolder</c>), relative to the working directory.</summary>
    public const string DefaultDataFolder = "data";

    /// <summary>Default <see cref="DeviceStateSaveInterval"/>: one second.</summary>
    public static readonly TimeSpan DefaultDeviceStateSaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>The node's name, unique in the cluster; devices are named <c>&lt;node&gt;/&lt;device&gt;</c>. Default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>Where the node keeps its state (journal, admin token, lock file). Default <see cref="DefaultDataFolder"/>; created if missing.</summary>
    public string DataFolder { get; set; } = DefaultDataFolder;

    /// <summary>
    /// Folder of the sample apps (<c>*.lua</c> with an optional <c>*.sig</c> beside) deployed at the first start.
    /// Null or empty: the <c>apps</c> folder next to the executable. A missing folder deploys nothing.
    /// </summary>
    public string? AppsFolder { get; set; }

    /// <summary>Whether the apps of <see cref="AppsFolder"/> are deployed at the first start on an empty data folder. Default true.</summary>
    public bool DeploySampleApps { get; set; } = true;

    /// <summary>
    /// How often the devices' last-known attributes are journaled (<c>Node:DeviceStateSaveInterval</c>): each device that
    /// changed is written at most once per interval, plus once at shutdown. Default <see cref="DefaultDeviceStateSaveInterval"/>; positive.
    /// </summary>
    public TimeSpan DeviceStateSaveInterval { get; set; } = DefaultDeviceStateSaveInterval;

    /// <summary>The management HTTP API.</summary>
    public HttpOptions Http { get; set; } = new();

    /// <summary>The task engine (queue sizes, watchdog).</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>Task networking: LAN devices, allowed hosts, timeouts and buffers (the Lua I/O API).</summary>
    public Liberty.Node.Engine.Io.NetworkOptions Network { get; set; } = new();

    /// <summary>The devices of this node; with no declared device the node declares <see cref="NodeDefaults.SimulatedDevices"/>.</summary>
    public DevicesOptions Devices { get; set; } = new();

    /// <summary>The device actors (command timeout ...).</summary>
    public DeviceActorOptions DeviceActor { get; set; } = new();

    /// <summary>MQTT devices (section <c>Mqtt</c>): the broker, discovery, publishing for Home Assistant, the embedded broker. Off by default.</summary>
    public Liberty.Devices.Drivers.Mqtt.MqttOptions Mqtt { get; set; } = new();

    /// <summary>Limits of the Lua tasks (memory per task, log rate and burst, log ring, time series); section <c>Lua</c>.</summary>
    /// <remarks>Internal like the Lua front end it configures; <see cref="NodeConfiguration"/> binds it by name.</remarks>
    internal Liberty.Node.Lua.Api.LuaFrontEndOptions Lua { get; set; } = new();

    /// <summary>Membership of a cluster (section <c>Cluster</c>); with no seeds the node runs alone.</summary>
    public Liberty.Node.Cluster.ClusterOptions Cluster { get; set; } = new();

    /// <summary>Where the journal lives (SQLite in the data folder by default; its DataFolder defaults to <see cref="DataFolder"/>).</summary>
    public Liberty.Node.Persistence.PersistenceOptions Persistence { get; set; } = new();
}
