using Akka.Actor;
using Liberty.Actors.Cooperative;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>The parts of a running node the management API reads and drives; built once by the node at start.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="System">The actor system.</param>
/// <param name="Dispatcher">The cooperative executor the task threads run on.</param>
/// <param name="DeadLetters">Dead letters counted since the start.</param>
/// <param name="TaskHost">The task engine.</param>
/// <param name="Directory">The device directory (name/id → actor and snapshot).</param>
/// <param name="Bus">The device event bus.</param>
/// <param name="Tasks">Apps and tasks.</param>
/// <param name="Log">The node's recent log.</param>
/// <param name="StartedTimestamp">The TimeProvider timestamp of the start, for uptime.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="CommandTimeout">How long the API waits for a device command or query.</param>
/// <param name="Cluster">The node's cluster membership; null on a node that runs alone.</param>
internal sealed record NodeServices(
    string Name,
    ActorSystem System,
    CooperativeExecutor Dispatcher,
    DeadLetterCounter DeadLetters,
    TaskHost TaskHost,
    DeviceDirectory Directory,
    DeviceEventBus Bus,
    ITaskService Tasks,
    RecentLog Log,
    long StartedTimestamp,
    DateTimeOffset StartedAt,
    TimeSpan CommandTimeout,
    Liberty.Node.Cluster.ClusterService? Cluster = null)
{
    /// <summary>
    /// The slices a hand-off left running on their own OS thread (a task stuck in code that does not yield, possibly
    /// inside C where nothing can stop it): which task and thread, and since when. Empty on a healthy node.
    /// </summary>
    public IReadOnlyList<StuckSlice> StuckSlices()
    {
        var now = TaskHost.Time.GetUtcNow();
        return [.. Dispatcher.GetStuckSlices().Select(stuck =>
        {
            var thread = stuck.Slice.Context?.Owner as TaskThread;
            var cpu = OsThread.CpuTime(stuck.OsThreadId) is { } time ? Math.Round(time.TotalSeconds, 2) : (double?)null;
            return new StuckSlice(thread?.Task.Id, thread?.Task.Name, thread?.Id, now - TaskHost.Time.GetElapsedTime(stuck.Slice.StartTimestamp), cpu);
        })];
    }

    /// <summary>The product version (informational version of the node assembly).</summary>
    public static string Version { get; } =
        typeof(NodeServices).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
}
