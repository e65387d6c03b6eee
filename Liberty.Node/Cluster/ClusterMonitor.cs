using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;

namespace Liberty.Node.Cluster;

/// <summary>
/// Watches the membership for the operator: logs every member's transitions (Up, unreachable, reachable, leaving,
/// downed, removed) and leader changes, says so while this node cannot reach its seeds, and records when each member
/// was last heard from (members ping each other's monitor every second).
/// </summary>
/// <remarks>Runs on the default dispatcher; writes <see cref="ClusterService.LastHeard"/>, which readers may read from any thread.</remarks>
internal sealed class ClusterMonitor : ReceiveActor, IWithTimers
{
    /// <summary>The monitor's actor name (<c>/user/cluster-monitor</c> on every node).</summary>
    public const string Name = "cluster-monitor";

    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JoinWarningInterval = TimeSpan.FromSeconds(6);

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ClusterOptions _options;
    private readonly string _nodeName;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Address, DateTimeOffset> _lastHeard;
    private readonly ILogger _logger;
    private readonly long _started;
    private readonly Action _selfLeaving;
    private bool _joined;

    /// <summary>Creates the monitor (use <see cref="Props"/>); <paramref name="selfLeaving"/> is called when this node is seen leaving.</summary>
    public ClusterMonitor(ClusterOptions options, string nodeName, TimeProvider time, ConcurrentDictionary<Address, DateTimeOffset> lastHeard, Action selfLeaving, ILogger logger)
    {
        _selfLeaving = selfLeaving;
        _options = options;
        _nodeName = nodeName;
        _time = time;
        _lastHeard = lastHeard;
        _logger = logger;
        _started = time.GetTimestamp();

        Receive<ClusterEvent.MemberUp>(m => { ClusterLog.MemberUp(_logger, m.Member); CheckDuplicate(m.Member); });
        Receive<ClusterEvent.MemberLeft>(m => { ClusterLog.Leaving(_logger, m.Member); NoteSelfLeaving(m.Member); });
        Receive<ClusterEvent.MemberExited>(m => NoteSelfLeaving(m.Member));
        Receive<ClusterEvent.MemberDowned>(m => ClusterLog.Downed(_logger, m.Member));
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            _lastHeard.TryRemove(m.Member.Address, out _);
            ClusterLog.Removed(_logger, m.Member, m.PreviousStatus);
        });
        Receive<ClusterEvent.UnreachableMember>(m =>
        {
            ClusterLog.Unreachable(_logger, m.Member, _lastHeard.TryGetValue(m.Member.Address, out var heard) ? _time.GetUtcNow() - heard : null);
        });
        Receive<ClusterEvent.ReachableMember>(m => ClusterLog.Reachable(_logger, m.Member));
        Receive<ClusterEvent.LeaderChanged>(m => ClusterLog.LeaderChanged(_logger, m.Leader is { } leader ? leader.ToString() : "none (no member is Up)"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<Ping>(_ => PingMembers());
        Receive<CheckJoined>(_ => CheckJoin());
        Receive<JoinedNow>(_ => MarkJoined());
        // A member's ping: its node name (a string crosses with Akka's built-in serializer).
        Receive<string>(_ => _lastHeard[Sender.Path.Address] = _time.GetUtcNow());
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe.</summary>
    public static Props Props(ClusterOptions options, string nodeName, TimeProvider time, ConcurrentDictionary<Address, DateTimeOffset> lastHeard, Action selfLeaving, ILogger logger) =>
        Akka.Actor.Props.Create(() => new ClusterMonitor(options, nodeName, time, lastHeard, selfLeaving, logger));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));
        var self = Self;
        _cluster.RegisterOnMemberUp(() => self.Tell(JoinedNow.Instance));
        Timers.StartPeriodicTimer("ping", Ping.Instance, PingInterval);
        Timers.StartPeriodicTimer("join", CheckJoined.Instance, JoinWarningInterval);
    }

    /// <inheritdoc/>
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void NoteSelfLeaving(Member member)
    {
        if (member.Address == _cluster.SelfAddress)
        {
            _selfLeaving();
        }
    }

    private void PingMembers()
    {
        var self = _cluster.SelfAddress;
        _lastHeard[self] = _time.GetUtcNow();
        foreach (var member in _cluster.State.Members)
        {
            if (member.Address != self)
            {
                Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name).Tell(_nodeName, Self);
            }
        }
    }

    private void CheckJoin()
    {
        if (_joined)
        {
            return;
        }
        if (_cluster.SelfMember.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
        {
            MarkJoined();
            return;
        }
        ClusterLog.NotJoined(_logger, (int)_time.GetElapsedTime(_started).TotalSeconds, _options.Seeds, _options.Name);
    }

    private void MarkJoined()
    {
        if (_joined)
        {
            return;
        }
        _joined = true;
        Timers.Cancel("join");
        ClusterLog.Joined(_logger, _cluster.SelfAddress, _time.GetElapsedTime(_started));
    }

    private void CheckDuplicate(Member member)
    {
        if (!NodeRole.TryGetName(member, out var name))
        {
            return;
        }
        foreach (var other in _cluster.State.Members)
        {
            if (other.Address != member.Address && other.Status == MemberStatus.Up && NodeRole.TryGetName(other, out var otherName) && otherName == name)
            {
                ClusterLog.DuplicateName(_logger, member, name, other);
            }
        }
    }

    private sealed class Ping
    {
        public static readonly Ping Instance = new();
    }

    private sealed class CheckJoined
    {
        public static readonly CheckJoined Instance = new();
    }

    private sealed class JoinedNow
    {
        public static readonly JoinedNow Instance = new();
    }
}
