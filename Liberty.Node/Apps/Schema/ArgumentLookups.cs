using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Apps.Schema;

/// <summary>
/// How the <see cref="ArgumentBinder"/> resolves the ids users give: each delegate takes the argument as text (a name, or
/// an integer id written in decimal) and returns what it designates, or null when nothing does. A null delegate means
/// the node has none of that kind.
/// </summary>
/// <remarks><b>Thread:</b> the delegates are called on the binder's caller's thread and must not block.</remarks>
internal sealed class ArgumentLookups
{
    /// <summary>Devices (real or virtual) by name or id.</summary>
    public Func<string, DeviceInfo?>? Device { get; init; }

    /// <summary>LAN devices (network endpoints configured on the node) → their id.</summary>
    public Func<string, long?>? LanDevice { get; init; }

    /// <summary>Stored actions → their id.</summary>
    public Func<string, long?>? Action { get; init; }

    /// <summary>Users and groups → their id.</summary>
    public Func<string, long?>? User { get; init; }

    /// <summary>Looks devices up in a <see cref="DeviceDirectory"/> (by <c>node/name</c> or decimal id).</summary>
    /// <param name="directory">The node's directory.</param>
    /// <returns>A device lookup.</returns>
    public static Func<string, DeviceInfo?> FromDirectory(DeviceDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return text => directory.TryFind(text, out var entry) ? entry.Info : null;
    }
}
