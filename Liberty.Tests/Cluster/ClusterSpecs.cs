namespace Liberty.Tests.Cluster;

/// <summary>Constants of the cluster specs (real clusters on loopback, real time).</summary>
internal static class ClusterSpecs
{
    /// <summary>The collection the cluster specs share: they run one after another, not beside each other.</summary>
    public const string Collection = "Cluster";

    /// <summary>Generous bound for anything that crosses nodes (membership, failure detection, replication).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>How often a condition is checked while waiting.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
}

[CollectionDefinition(ClusterSpecs.Collection, DisableParallelization = true)]
public sealed class ClusterGroup;
