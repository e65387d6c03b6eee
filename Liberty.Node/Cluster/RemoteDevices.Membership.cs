using Akka.Cluster;

namespace Liberty.Node.Cluster;

/// <summary>Membership: which nodes are available, and what their changes mean for their devices.</summary>
internal sealed partial class RemoteDevices
{
    private readonly Dictionary<string, NodeMember> _members = new(StringComparer.Ordinal);

    /// <summary>Whether a node can be asked now: a member that is Up, WeaklyUp or Leaving, and reachable.</summary>
    private bool Available(string node) => _members.TryGetValue(node, out var member) && member.Available;

    private void OnMemberEvent(ClusterEvent.IMemberEvent e)
    {
        var member = e.Member;
        if (!NodeRole.TryGetName(member, out var node) || node == _node)
        {
            return;
        }
        var wasAvailable = Available(node);
        _members.TryGetValue(node, out var known);
        var sameIncarnation = known is not null && known.Address.Equals(member.UniqueAddress);
        if (known is not null && !sameIncarnation && e is ClusterEvent.MemberRemoved)
        {
            // The end of an older incarnation, after the new one was seen: nothing to do.
            return;
        }
        if (known is null || !sameIncarnation)
        {
            // First sight of this node, or a new incarnation (restarted with the same name): forget the old one's answers.
            var graceful = known?.Leaving ?? false;
            known = new NodeMember(member.UniqueAddress);
            _members[node] = known;
            if (wasAvailable)
            {
                LoseNode(node, announce: !graceful, left: graceful);
                wasAvailable = false;
            }
        }
        known.Status = member.Status;
        switch (e)
        {
            case ClusterEvent.MemberLeft or ClusterEvent.MemberExited:
                known.Leaving = true;
                break;
            case ClusterEvent.MemberRemoved removed:
                known.Leaving |= removed.PreviousStatus is MemberStatus.Leaving or MemberStatus.Exiting;
                known.Status = MemberStatus.Removed;
                break;
        }
        Transition(node, known, wasAvailable);
    }

    private void OnReachability(Member member, bool reachable)
    {
        if (!NodeRole.TryGetName(member, out var node) || node == _node || !_members.TryGetValue(node, out var known) || !known.Address.Equals(member.UniqueAddress))
        {
            return;
        }
        var wasAvailable = known.Available;
        known.Reachable = reachable;
        Transition(node, known, wasAvailable);
    }

    private void Transition(string node, NodeMember member, bool wasAvailable)
    {
        if (wasAvailable && !member.Available)
        {
            // Unreachable or downed: a loss, announced. Leaving, Exiting, removed after a leave: shown, not announced.
            var graceful = member.Leaving && member.Status != MemberStatus.Down;
            LoseNode(node, announce: !graceful, left: graceful);
        }
        else if (!wasAvailable && member.Available)
        {
            RegainNode(node, member);
        }
    }

    private void LoseNode(string node, bool announce, bool left)
    {
        if (_cluster.SelfMember.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed)
        {
            // This node is the one leaving: the others did not fail, they are just out of sight now.
            announce = false;
            left = true;
        }
        var devices = 0;
        foreach (var view in _views.Values.Where(v => v.Record.Node == node))
        {
            devices++;
            view.Invalidate(keepValues: true);
            view.Stale = true;
            Settle(view, announce);
        }
        var failed = FailPendingTo(node, left
            ? $"Node {node} left the cluster before answering; the request may or may not have run."
            : $"Node {node} became unreachable before answering; the request may or may not have run.");
        if (left)
        {
            ClusterDevicesLog.NodeLeft(_logger, node, devices);
        }
        else
        {
            ClusterDevicesLog.NodeUnreachable(_logger, node, devices, failed);
        }
    }

    private void RegainNode(string node, NodeMember member)
    {
        var watched = 0;
        foreach (var view in _views.Values.Where(v => v.Record.Node == node))
        {
            if (view.Interested)
            {
                // Not ok until the owner's fresh snapshot says so; the snapshot's arrival announces the recovery.
                watched++;
                view.Primed = false;
                SendWatch(view);
            }
            else
            {
                view.Stale = false;
            }
            Settle(view, announce: false);
        }
        ClusterDevicesLog.NodeAvailable(_logger, node, member.Address.Address, watched);
    }

    /// <summary>One other node as this node sees it (its current incarnation).</summary>
    private sealed class NodeMember(UniqueAddress address)
    {
        public UniqueAddress Address { get; } = address;

        public MemberStatus Status { get; set; } = MemberStatus.Joining;

        public bool Reachable { get; set; } = true;

        /// <summary>It left (or is leaving) gracefully: its absence is not a loss.</summary>
        public bool Leaving { get; set; }

        public bool Available => Reachable && Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving;
    }
}
