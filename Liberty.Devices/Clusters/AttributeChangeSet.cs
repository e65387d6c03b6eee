using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>The attributes of one cluster that changed for one source, in the order they first changed.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Source">What caused the changes.</param>
/// <param name="Changed">Attribute id → new value.</param>
internal sealed record AttributeChangeSet(int Cluster, EventSource Source, Dictionary<int, AttributeValue> Changed);
