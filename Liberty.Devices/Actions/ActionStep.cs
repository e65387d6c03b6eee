using Liberty.Devices.Model;

namespace Liberty.Devices.Actions;

/// <summary>One command of a <see cref="StoredAction"/>.</summary>
/// <param name="Device">The device as declared (full name, local name or decimal id), resolved at trigger time.</param>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Command">The command id.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record ActionStep(string Device, int Cluster, int Command, IReadOnlyList<AttributeValue> Arguments);
