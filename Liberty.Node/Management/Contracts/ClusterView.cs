namespace Liberty.Node.Management.Contracts;

/// <summary>A cluster of a device.</summary>
/// <param name="Id">The cluster number.</param>
/// <param name="Name">Its name.</param>
internal sealed record ClusterView(int Id, string Name);
