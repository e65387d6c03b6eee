using Akka.Actor;
using Liberty.Actors;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;

namespace Liberty.Node.Cluster;

/// <summary>
/// Devices across the cluster, started on a node whose actor system runs the cluster provider: the fleet directory,
/// events by interest, location-transparent commands and truthful loss (see <c>Cluster/README.md</c>). A node without a
/// cluster does not start it and behaves as before.
/// </summary>
/// <remarks>
/// <para>It attaches itself to the node's <see cref="DeviceEventBus"/> (<see cref="DeviceEventBus.Uplink"/>) and
/// <see cref="DeviceDirectory"/> (<see cref="DeviceDirectory.Observer"/>), and starts two actors under <c>/user</c>:
/// <see cref="DeviceGateway"/> (this node's devices, for the others) and <see cref="RemoteDevices"/> (the others'
/// devices, for this node). Their names are fixed: every node finds the others' gateways by address.</para>
/// <para><b>Thread:</b> <see cref="Start"/> and <see cref="DisposeAsync"/> from the host's start and stop paths, once each.
/// <b>Cancellation:</b> none. <b>Ordering:</b> start it after the device registry and before tasks run (subscriptions
/// made before are picked up once, at start).</para>
/// </remarks>
internal sealed class ClusterDevices : IAsyncDisposable
{
    private readonly DeviceDirectory _directory;
    private readonly DeviceEventBus _bus;
    private readonly RemoteSubscribers _subscribers;
    private int _disposed;

    private ClusterDevices(DeviceDirectory directory, DeviceEventBus bus, RemoteSubscribers subscribers, ClusterDeviceCounters counters, IActorRef gateway, IActorRef remoteDevices)
    {
        _directory = directory;
        _bus = bus;
        _subscribers = subscribers;
        Counters = counters;
        Gateway = gateway;
        RemoteDevices = remoteDevices;
    }

    /// <summary>This node's <see cref="Cluster.DeviceGateway"/>.</summary>
    public IActorRef Gateway { get; }

    /// <summary>This node's <see cref="Cluster.RemoteDevices"/>.</summary>
    public IActorRef RemoteDevices { get; }

    /// <summary>Events this node's devices sent to other nodes (event × watching node): zero while nobody else watches.</summary>
    public long EventsSent => _subscribers.Sent;

    /// <summary>The local devices that other nodes watch now.</summary>
    public IReadOnlyList<long> WatchedLocalDevices => _subscribers.WatchedDevices();

    /// <summary>What arrived from other nodes and what was announced here.</summary>
    public ClusterDeviceCounters Counters { get; }

    /// <summary>Starts devices across the cluster on this node.</summary>
    /// <param name="system">The node's actor system; its provider must be the cluster's, and <see cref="Liberty.Actors.Serialization.RemoteMessageSerializer.Hocon"/> in its configuration.</param>
    /// <param name="nodeName">This node's name (its devices' names start with it; its member carries <see cref="NodeRole.For"/> of it).</param>
    /// <param name="directory">The node's directory: gains the other nodes' devices.</param>
    /// <param name="bus">The node's bus: its uplink is set.</param>
    /// <param name="options">Timeouts and bounds.</param>
    /// <param name="loggerFactory">Where it logs.</param>
    /// <returns>The handle; dispose it to stop (before the actor system terminates, or not at all).</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists why), or the system has no cluster provider.</exception>
    /// <exception cref="InvalidOperationException">The bus already has an uplink or the directory an observer.</exception>
    public static ClusterDevices Start(ActorSystem system, string nodeName, DeviceDirectory directory, DeviceEventBus bus, ClusterDeviceOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        if (((ExtendedActorSystem)system).Provider is not Akka.Cluster.ClusterActorRefProvider)
        {
            throw new ArgumentException($"Actor system {system.Name} does not run the cluster provider (akka.actor.provider = cluster).", nameof(system));
        }
        if (bus.Uplink is not null || directory.Observer is not null)
        {
            throw new InvalidOperationException("The device bus already has an uplink or the directory an observer: devices across the cluster are started once.");
        }
        var subscribers = new RemoteSubscribers();
        var counters = new ClusterDeviceCounters();
        var remote = system.ActorOf(Cluster.RemoteDevices.Props(nodeName, directory, bus, options, counters, loggerFactory.CreateLogger<RemoteDevices>()), Cluster.RemoteDevices.Name);
        var gateway = system.ActorOf(DeviceGateway.Props(nodeName, directory, subscribers, options, loggerFactory.CreateLogger<DeviceGateway>()), DeviceGateway.Name);
        bus.Uplink = new ClusterDeviceUplink(subscribers, remote, LibertyActorSystem.Clock(system));
        directory.Observer = new ClusterDirectoryObserver(gateway);
        foreach (var deviceId in bus.SubscribedDevices())
        {
            remote.Tell(new LocalInterestChanged(deviceId, true));
        }
        var logger = loggerFactory.CreateLogger<ClusterDevices>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            ClusterDevicesLog.Started(logger, nodeName, directory.Local.Count);
        }
        return new ClusterDevices(directory, bus, subscribers, counters, gateway, remote);
    }

    /// <summary>
    /// Detaches from the bus and the directory and stops both actors; the other nodes' devices leave the directory.
    /// Idempotent.
    /// </summary>
    /// <returns>When both actors stopped (or the system is already gone).</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _bus.Uplink = null;
        _directory.Observer = null;
        try
        {
            await Task.WhenAll(Gateway.GracefulStop(TimeSpan.FromSeconds(5)), RemoteDevices.GracefulStop(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            // The actor system is terminating: the actors stop with it.
        }
    }
}
