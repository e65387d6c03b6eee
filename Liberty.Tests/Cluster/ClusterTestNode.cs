using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Liberty.Actors;
using Liberty.Actors.Serialization;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Node.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Cluster;

/// <summary>
/// One Liberty node's device layer on a real Akka.Cluster member in this process: an actor system named "liberty" with
/// the cluster provider on loopback (a random port unless given), its own directory, bus, registry of simulated devices,
/// and <see cref="ClusterDevices"/> started as the node will start it.
/// </summary>
/// <remarks>
/// <para>Failure detection is fast (heartbeat 200 ms, acceptable pause 1 s) and there is no downing provider: the specs
/// down members themselves when they mean to, so a two-member cluster never downs the survivor.</para>
/// <para><see cref="KillAsync"/> is an abrupt stop: the system terminates without running coordinated shutdown, so the
/// member never leaves; its sockets close as a killed process's would, and the others only learn from the failure
/// detector that it is gone. <see cref="LeaveAsync"/> is the graceful path (coordinated shutdown with the cluster-leave
/// reason: Leaving, Exiting, Removed, then the system terminates).</para>
/// </remarks>
internal sealed class ClusterTestNode : IAsyncDisposable
{
    private ClusterTestNode(string name, ActorSystem system, DeviceDirectory directory, DeviceEventBus bus, IActorRef registry, ClusterDevices devices)
    {
        Name = name;
        System = system;
        Directory = directory;
        Bus = bus;
        Registry = registry;
        Devices = devices;
    }

    public string Name { get; }

    public ActorSystem System { get; }

    public DeviceDirectory Directory { get; }

    public DeviceEventBus Bus { get; }

    public IActorRef Registry { get; }

    public ClusterDevices Devices { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    public Address Address => Cluster.SelfAddress;

    public static Config Hocon(string name, int port) => ConfigurationFactory.ParseString($$"""
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
          remote.retry-gate-closed-for = 200ms
          coordinated-shutdown.run-by-actor-system-terminate = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster {
            retry-unsuccessful-join-after = 1s
            roles = ["{{NodeRole.For(name)}}"]
            downing-provider-class = ""
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            unreachable-nodes-reaper-interval = 200ms
            periodic-tasks-initial-delay = 100ms
            failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s, expected-response-after = 500ms }
            distributed-data { gossip-interval = 200ms, notify-subscribers-interval = 100ms }
          }
        }
        """).WithFallback(RemoteMessageSerializer.Config);

    /// <summary>Starts a node and joins <paramref name="seed"/> (itself when null); does not wait for membership.</summary>
    public static async Task<ClusterTestNode> StartAsync(string name, Address? seed, int port = 0, ClusterDeviceOptions? options = null, Action<DevicesOptions>? configure = null, params DeviceDeclaration[] devices)
    {
        var system = LibertyActorSystem.Create("liberty", new LibertyActorSystemOptions { LogLevel = "WARNING", Config = Hocon(name, port) });
        var directory = new DeviceDirectory();
        var bus = new DeviceEventBus();
        var declared = new DevicesOptions();
        declared.Devices.AddRange(devices);
        configure?.Invoke(declared);
        var registry = system.ActorOf(DeviceRegistry.Props(name, declared, new DeviceActorOptions(), bus, directory, NullLoggerFactory.Instance), "devices");
        await registry.Ask<DeviceList>(ListDevices.Instance, TimeSpan.FromSeconds(10));
        var started = ClusterDevices.Start(system, name, directory, bus, options ?? new ClusterDeviceOptions(), NullLoggerFactory.Instance);
        var node = new ClusterTestNode(name, system, directory, bus, registry, started);
        node.Cluster.Join(seed ?? node.Address);
        return node;
    }

    public static DeviceDeclaration Simulated(string name, string kind) => new() { Name = name, Driver = "simulated", Kind = kind };

    /// <summary>Completes when this member is Up (for a joining member: the leader, which moved it, sees it Up too).</summary>
    public Task UpAsync()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(ClusterSpecs.Patience);
    }

    /// <summary>Members this node sees Up.</summary>
    public int UpMembers => Cluster.State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>The abrupt stop: no leave, no coordinated shutdown (see the class remarks).</summary>
    public Task KillAsync() => System.Terminate();

    /// <summary>The graceful stop: leave the cluster, then terminate.</summary>
    public Task LeaveAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

    public async ValueTask DisposeAsync()
    {
        if (!System.WhenTerminated.IsCompleted)
        {
            await Devices.DisposeAsync();
            await System.Terminate();
        }
    }
}
