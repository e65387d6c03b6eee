namespace Liberty.Devices.Model;

/// <summary>An immutable copy of a <see cref="DeviceState"/> for queries (CLI, web UI, other actors); JSON-serializable.</summary>
/// <param name="Info">What the device is.</param>
/// <param name="Ok">Whether it is reachable.</param>
/// <param name="LastHeard">When it was last heard from; null if never.</param>
/// <param name="Attributes">The cached attributes ordered by cluster then attribute.</param>
public sealed record DeviceSnapshot(DeviceInfo Info, bool Ok, DateTimeOffset? LastHeard, IReadOnlyList<AttributeReading> Attributes);
