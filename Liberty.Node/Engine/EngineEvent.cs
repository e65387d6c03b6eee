namespace Liberty.Node.Engine;

/// <summary>
/// Base of the engine's own events, as <see cref="ITaskContext.GetEvent"/> returns them. Device events
/// are not engine events: they arrive as <c>Liberty.Devices.Model.DeviceEvent</c> unchanged.
/// </summary>
public abstract record EngineEvent;
