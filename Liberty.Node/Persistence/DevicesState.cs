using System.Collections.Immutable;

namespace Liberty.Node.Persistence;

/// <summary>The last-known attributes of the node's devices (snapshot manifest "node.DevicesState").</summary>
/// <param name="Devices">Devices by full name (<c>node/name</c>).</param>
internal sealed record DevicesState(ImmutableDictionary<string, Liberty.Devices.Model.DeviceSnapshot> Devices) : IEventSourced<DevicesState>
{
    /// <summary>No devices.</summary>
    public static DevicesState Empty { get; } = new(ImmutableDictionary<string, Liberty.Devices.Model.DeviceSnapshot>.Empty.WithComparers(StringComparer.Ordinal));

    /// <inheritdoc />
    public DevicesState Apply(object @event) => @event switch
    {
        DeviceSaved saved => this with { Devices = Devices.SetItem(saved.Device.Info.Id.Name, saved.Device) },
        DevicesState imported => imported,
        _ => this,
    };
}
