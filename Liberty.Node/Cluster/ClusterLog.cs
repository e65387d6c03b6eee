using Akka.Cluster;

namespace Liberty.Node.Cluster;

/// <summary>Log messages of the cluster (event ids 6300–6399).</summary>
// The wrappers below format their arguments only inside an IsEnabled guard (the analyzer does not see through it).
#pragma warning disable CA1873
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Cluster {Cluster}: this node listens on {Address} (roles {Roles}); joining seeds {Seeds}")]
    public static partial void Joining(ILogger logger, string cluster, Akka.Actor.Address address, IEnumerable<string> roles, IReadOnlyList<string> seeds);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Cluster: member {Node} ({Address}) is Up")]
    private static partial void MemberUpCore(ILogger logger, string node, string address);

    public static void MemberUp(ILogger logger, Member member)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            MemberUpCore(logger, NodeName(member), member.Address.ToString());
        }
    }

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Cluster: member {Node} ({Address}) is UNREACHABLE (last heard {Ago} ago)")]
    private static partial void UnreachableCore(ILogger logger, string node, string address, string ago);

    public static void Unreachable(ILogger logger, Member member, TimeSpan? sinceHeard)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            UnreachableCore(logger, NodeName(member), member.Address.ToString(), sinceHeard is not { } ago ? "never" : ago.TotalSeconds < 1 ? "<1 s" : $"{Math.Round(ago.TotalSeconds, 1)} s");
        }
    }

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Cluster: member {Node} ({Address}) is reachable again")]
    private static partial void ReachableCore(ILogger logger, string node, string address);

    public static void Reachable(ILogger logger, Member member)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ReachableCore(logger, NodeName(member), member.Address.ToString());
        }
    }

    [LoggerMessage(EventId = 6304, Level = LogLevel.Information, Message = "Cluster: member {Node} ({Address}) is leaving")]
    private static partial void LeavingCore(ILogger logger, string node, string address);

    public static void Leaving(ILogger logger, Member member)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            LeavingCore(logger, NodeName(member), member.Address.ToString());
        }
    }

    [LoggerMessage(EventId = 6305, Level = LogLevel.Warning, Message = "Cluster: member {Node} ({Address}) was downed")]
    private static partial void DownedCore(ILogger logger, string node, string address);

    public static void Downed(ILogger logger, Member member)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            DownedCore(logger, NodeName(member), member.Address.ToString());
        }
    }

    [LoggerMessage(EventId = 6306, Level = LogLevel.Information, Message = "Cluster: member {Node} ({Address}) was removed (it was {Previous})")]
    private static partial void RemovedCore(ILogger logger, string node, string address, string previous);

    public static void Removed(ILogger logger, Member member, MemberStatus previous)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RemovedCore(logger, NodeName(member), member.Address.ToString(), previous.ToString());
        }
    }

    [LoggerMessage(EventId = 6307, Level = LogLevel.Information, Message = "Cluster: the leader is now {Leader}")]
    public static partial void LeaderChanged(ILogger logger, string leader);

    [LoggerMessage(EventId = 6308, Level = LogLevel.Warning, Message = "Cluster: not joined after {Seconds} s: none of the seeds {Seeds} answered (are they running, reachable, with the same cluster name '{Cluster}' and, with TLS, certificates from the same authority?). Still trying; this node keeps running its own tasks.")]
    public static partial void NotJoined(ILogger logger, int seconds, IReadOnlyList<string> seeds, string cluster);

    [LoggerMessage(EventId = 6309, Level = LogLevel.Information, Message = "Cluster: this node joined as {Address} after {Seconds} s")]
    private static partial void JoinedCore(ILogger logger, Akka.Actor.Address address, double seconds);

    public static void Joined(ILogger logger, Akka.Actor.Address address, TimeSpan after)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            JoinedCore(logger, address, Math.Round(after.TotalSeconds, 1));
        }
    }

    [LoggerMessage(EventId = 6310, Level = LogLevel.Warning, Message = "Cluster: this node was removed from the cluster ({Reason}); the node {Next}")]
    public static partial void SelfRemoved(ILogger logger, string reason, string next);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Error, Message = "Cluster: refused the TLS connection of {Peer}: {Reason}")]
    public static partial void TlsRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 6312, Level = LogLevel.Information, Message = "Cluster: {Operator} asked member {Node} ({Address}) to {Action}")]
    private static partial void OperatorActionCore(ILogger logger, string @operator, string node, string address, string action);

    public static void OperatorAction(ILogger logger, string who, Member member, string action)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            OperatorActionCore(logger, who, NodeName(member), member.Address.ToString(), action);
        }
    }

    [LoggerMessage(EventId = 6313, Level = LogLevel.Error, Message = "Cluster: member {Address} has the node name {Node} of another member ({Other}); node names must be unique in a cluster")]
    private static partial void DuplicateNameCore(ILogger logger, string address, string node, string other);

    public static void DuplicateName(ILogger logger, Member member, string node, Member other)
    {
        if (logger.IsEnabled(LogLevel.Error))
        {
            DuplicateNameCore(logger, member.Address.ToString(), node, other.Address.ToString());
        }
    }

    /// <summary>A member's node name for the log (<c>?</c> when it is not a Liberty node).</summary>
    public static string NodeName(Member member) => NodeRole.NameOf(member) is { Length: > 0 } name ? name : "?";
}
