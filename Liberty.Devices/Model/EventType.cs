namespace Liberty.Devices.Model;

/// <summary>The kind of a device event: the <c>t</c> field apps see, with Liberty's exact numbers.</summary>
/// <remarks>The engine's own kinds (posted events 20, exits 21, polls 22) are not device events and live in the engine.</remarks>
public enum EventType
{
    /// <summary>0: a command (sent to or emitted by the device); <see cref="DeviceEvent.Command"/> is set.</summary>
    Command = 0,

    /// <summary>1: an attribute report (or, for a virtual device's owner, an attribute write).</summary>
    AttributeReport = 1,

    /// <summary>2: a query.</summary>
    Query = 2,

    /// <summary>10: socket readiness (not produced by devices; numbered here so the engine shares the enum).</summary>
    Io = 10,
}
