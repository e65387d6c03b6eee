namespace Liberty.Node.Lua.Api;

/// <summary>
/// The reactive callback key of a device subscription (<c>Libre_SetOnDevice</c>) or of a watched virtual device
/// (<c>Libre_SetOnVirtualDevice</c>) in <see cref="LuaThread.SetCallback"/>.
/// </summary>
/// <param name="DeviceId">The device's numeric id.</param>
/// <param name="Virtual">True for the owner's view of its virtual device (commands and writes addressed to it).</param>
internal sealed record LuaDeviceKey(long DeviceId, bool Virtual);
