using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cluster;

/// <summary>
/// The node's side of the cluster for the API, the CLI and the hosting: the members as this node sees them, the
/// operator's actions (leave, down, down-unreachable) and the graceful leave at shutdown.
/// </summary>
/// <remarks><b>Thread:</b> any (Akka's cluster extension is thread-safe; the state read is a snapshot).</remarks>
internal sealed class ClusterService
{
    private readonly ActorSystem _system;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<string> _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private volatile bool _leaving;

    private ClusterService(ActorSystem system, ClusterOptions options, TimeProvider time, ILogger logger)
    {
        _system = system;
        Options = options;
        _time = time;
        _logger = logger;
        Cluster = Akka.Cluster.Cluster.Get(system);
    }

    /// <summary>The options the node joined with.</summary>
    public ClusterOptions Options { get; }

    /// <summary>Akka's cluster extension of the node's actor system.</summary>
    public Akka.Cluster.Cluster Cluster { get; }

    /// <summary>Whether this node has been an Up member at some point of this run.</summary>
    public bool HasJoined { get; private set; }

    /// <summary>The devices across the cluster (set once the node started them).</summary>
    public ClusterDevices? Devices { get; set; }

    /// <summary>When each member was last heard from (written by <see cref="ClusterMonitor"/>).</summary>
    public ConcurrentDictionary<Address, DateTimeOffset> LastHeard { get; } = new();

    /// <summary>
    /// Completes with the reason when this node was removed from the cluster by others (downed by the split brain
    /// resolver or an operator, turned away before it joined, or left at an operator's request) — not when it leaves
    /// because it is stopping.
    /// </summary>
    public Task<string> Removed => _removed.Task;

    /// <summary>Whether the removal was a graceful leave an operator asked for (the node then stops rather than rejoins).</summary>
    public bool Left => _leaving;

    /// <summary>Starts the monitor; Akka joins the seeds by itself (from the configuration).</summary>
    /// <param name="system">The node's actor system, created with <see cref="ClusterHocon"/>.</param>
    /// <param name="options">The cluster options.</param>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="time">The node's clock.</param>
    /// <param name="loggerFactory">Where the cluster logs.</param>
    /// <returns>The service.</returns>
    public static ClusterService Start(ActorSystem system, ClusterOptions options, string nodeName, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("Liberty.Cluster");
        var service = new ClusterService(system, options, time, logger);
        ClusterLog.Joining(logger, options.Name, service.Cluster.SelfAddress, service.Cluster.SelfRoles, options.Seeds);
        system.ActorOf(ClusterMonitor.Props(options, nodeName, time, service.LastHeard, () => service._leaving = true, logger), ClusterMonitor.Name);
        service.Cluster.RegisterOnMemberUp(() => service.HasJoined = true);
        service.Cluster.RegisterOnMemberRemoved(() =>
        {
            if (!service._stopping)
            {
                var reason = !service.HasJoined ? "it was turned away before it could join (quarantined by a member, e.g. after a refused TLS handshake)"
                    : service._leaving ? "an operator asked it to leave" : "it was downed";
                ClusterLog.SelfRemoved(logger, reason, service._leaving ? "stops" : "restarts to rejoin");
                service._removed.TrySetResult(reason);
            }
        });
        return service;
    }

    /// <summary>The members as this node sees them.</summary>
    /// <returns>The view.</returns>
    public ClusterStateView GetState()
    {
        var state = Cluster.State;
        var self = Cluster.SelfAddress;
        var unreachable = state.Unreachable;
        var members = state.Members
            .Concat(unreachable.Where(u => !state.Members.Contains(u)))
            .Append(Cluster.SelfMember)
            .DistinctBy(static m => m.UniqueAddress)
            .OrderBy(static m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMemberView(
                NodeRole.NameOf(m),
                m.Address.ToString(),
                [.. m.Roles.Order(StringComparer.Ordinal)],
                m.Status.ToString(),
                unreachable.Contains(m) ? "Unreachable" : "Reachable",
                m.AppVersion.ToString(),
                m.Address == state.Leader,
                m.Address == self,
                m.Address == self ? _time.GetUtcNow() : LastHeard.TryGetValue(m.Address, out var heard) ? heard : null))
            .ToList();
        var joined = Cluster.SelfMember.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Exiting;
        return new ClusterStateView("cluster", Options.Name, self.ToString(), state.Leader?.ToString(), joined, [.. Options.Seeds], members);
    }

    /// <summary>Finds a member by node name, full address, or <c>host:port</c>.</summary>
    /// <param name="nodeOrAddress">What the operator typed.</param>
    /// <param name="member">The member.</param>
    /// <returns>Whether exactly one member matches.</returns>
    public bool TryFind(string nodeOrAddress, out Member member)
    {
        var state = Cluster.State;
        var all = state.Members.Concat(state.Unreachable).Distinct().ToList();
        member = all.FirstOrDefault(m => NodeRole.TryGetName(m, out var name) && name == nodeOrAddress)
            ?? all.FirstOrDefault(m => m.Address.ToString() == nodeOrAddress || $"{m.Address.Host}:{m.Address.Port}" == nodeOrAddress)!;
        return member is not null;
    }

    /// <summary>Asks a member to leave gracefully (its devices and tasks go without an alarm).</summary>
    /// <param name="member">The member.</param>
    /// <param name="who">Who asked (for the log).</param>
    public void Leave(Member member, string who)
    {
        ClusterLog.OperatorAction(_logger, who, member, "leave");
        Cluster.Leave(member.Address);
    }

    /// <summary>Marks a member Down: the cluster removes it at once (for a member known to be dead).</summary>
    /// <param name="member">The member.</param>
    /// <param name="who">Who asked (for the log).</param>
    public void Down(Member member, string who)
    {
        ClusterLog.OperatorAction(_logger, who, member, "go down");
        Cluster.Down(member.Address);
    }

    /// <summary>Downs every member this node sees unreachable.</summary>
    /// <param name="who">Who asked (for the log).</param>
    /// <returns>The members downed.</returns>
    public IReadOnlyList<Member> DownUnreachable(string who)
    {
        var unreachable = Cluster.State.Unreachable.ToList();
        foreach (var member in unreachable)
        {
            Down(member, who);
        }
        return unreachable;
    }

    /// <summary>Leaves the cluster gracefully because the node is stopping, and waits until removed (or <paramref name="timeout"/>).</summary>
    /// <param name="timeout">How long to wait for the other members to let this one go.</param>
    /// <returns>When left or timed out.</returns>
    public async Task LeaveForShutdownAsync(TimeSpan timeout)
    {
        _stopping = true;
        if (Cluster.IsTerminated || Cluster.SelfMember.Status is MemberStatus.Removed or MemberStatus.Down)
        {
            return;
        }
        if (Cluster.SelfMember.Status is MemberStatus.Joining && Cluster.State.Members.Count <= 1)
        {
            // Never joined: there is nobody to tell.
            return;
        }
        try
        {
            await Cluster.LeaveAsync(new CancellationTokenSource(timeout).Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Others will notice the node is gone through failure detection.
        }
    }
}
