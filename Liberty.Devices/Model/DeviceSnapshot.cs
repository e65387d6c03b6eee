using Liberty.Actors.Serialization;

namespace Liberty.Devices.Model;

/// <summary>An immutable copy of a <see cref="DeviceState"/> for queries (CLI, web UI, other actors); JSON-serializable.</summary>
/// <param name="Info">What the device is.</param>
/// <param name="Ok">Whether it is reachable.</param>
/// <param name="LastHeard">When it was last heard from; null if never.</param>
/// <param name="Attributes">The cached attributes ordered by cluster then attribute.</param>
[RemoteMessage("dev.snapshot")]
public sealed record DeviceSnapshot(DeviceInfo Info, bool Ok, DateTimeOffset? LastHeard, IReadOnlyList<AttributeReading> Attributes) : IRemoteMessage
{
    /// <summary>Equal when every field is, <see cref="Attributes"/> compared by content (a copy read from JSON equals the original).</summary>
    /// <param name="other">The other snapshot.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DeviceSnapshot? other) =>
        other is not null && Ok == other.Ok && LastHeard == other.LastHeard && Info.Equals(other.Info) && StructuralEquality.Lists(Attributes, other.Attributes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Info, Ok, LastHeard, Attributes.Count);

    /// <summary>Looks up a cached attribute (whatever <see cref="Ok"/> says).</summary>
    /// <param name="cluster">The cluster id.</param>
    /// <param name="attribute">The attribute id.</param>
    /// <param name="value">The value when cached.</param>
    /// <returns>True when cached.</returns>
    public bool TryGetAttribute(int cluster, int attribute, out AttributeValue value)
    {
        foreach (var reading in Attributes)
        {
            if (reading.Cluster == cluster && reading.Attribute == attribute)
            {
                value = reading.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>As <see cref="DeviceState.TryGetOnOff"/> (<c>Libre_DeviceOnOffGet</c>) on this copy.</summary>
    /// <param name="on">Whether the device is on, when known.</param>
    /// <returns>False when the state is unknown or the device is not <see cref="Ok"/>.</returns>
    public bool TryGetOnOff(out bool on)
    {
        on = false;
        if (!Ok)
        {
            return false;
        }
        if (TryGetAttribute(ClusterIds.OnOff, AttributeIds.OnOff.State, out var state) && state.TryGetBoolean(out on))
        {
            return true;
        }
        if (TryGetLevel(out var level))
        {
            on = level > 0;
            return true;
        }
        return false;
    }

    /// <summary>As <see cref="DeviceState.TryGetLevel"/> (<c>Libre_DeviceLevelGet</c>) on this copy.</summary>
    /// <param name="level">The level 0..255, when known.</param>
    /// <returns>False when the level is unknown or the device is not <see cref="Ok"/>.</returns>
    public bool TryGetLevel(out int level)
    {
        level = 0;
        if (Ok && TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out var current) && current.TryGetInt64(out var value))
        {
            level = (int)value;
            return true;
        }
        return false;
    }
}
