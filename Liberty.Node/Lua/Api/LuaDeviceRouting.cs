using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Reactive routing of device events (<see cref="LuaReactiveRouting"/>): to the thread's virtual device callback
/// (<c>Libre_SetOnVirtualDevice</c>) when it has one for the event's device, else to its device callback
/// (<c>Libre_SetOnDevice</c>). The callback is called <c>cb(tag, event)</c> with the event table.
/// </summary>
internal static class LuaDeviceRouting
{
    /// <summary>Finds the callback key of a device event for <paramref name="thread"/>.</summary>
    /// <returns>False when the thread has no callback for the device.</returns>
    public static bool TryRoute(DeviceEvent e, LuaThread thread, out object? key)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(thread);
        var owner = new LuaDeviceKey(e.Id, Virtual: true);
        if (thread.HasCallback(owner))
        {
            key = owner;
            return true;
        }
        var subscriber = new LuaDeviceKey(e.Id, Virtual: false);
        if (thread.HasCallback(subscriber))
        {
            key = subscriber;
            return true;
        }
        key = null;
        return false;
    }
}
