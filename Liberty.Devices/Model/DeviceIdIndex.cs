using System.Diagnostics.CodeAnalysis;

namespace Liberty.Devices.Model;

/// <summary>
/// The set of device ids a registry holds, in both directions, refusing a second device whose numeric id collides
/// with another's.
/// </summary>
/// <remarks>
/// <b>Thread:</b> single owner (the registry actor); not thread-safe.
/// <b>Cancellation:</b> not applicable (synchronous).
/// <b>Ordering:</b> none beyond the owner's call order.
/// </remarks>
public sealed class DeviceIdIndex
{
    private readonly Dictionary<long, string> _byValue = [];
    private readonly Dictionary<string, long> _byName = new(StringComparer.Ordinal);

    /// <summary>The number of ids held.</summary>
    public int Count => _byValue.Count;

    /// <summary>Adds <paramref name="id"/> unless its name or numeric id is already taken.</summary>
    /// <param name="id">The id to add.</param>
    /// <param name="error">Why it was refused (duplicate name, or the other device whose numeric id collides); null on success.</param>
    /// <returns>True when added.</returns>
    public bool TryAdd(DeviceId id, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(id.Name);
        if (_byName.ContainsKey(id.Name))
        {
            error = $"Device '{id.Name}' is already registered.";
            return false;
        }
        if (_byValue.TryGetValue(id.Value, out var other))
        {
            error = $"Device '{id.Name}' cannot be registered: its numeric id {id.Value} (derived from its name) collides with device '{other}'. Rename one of them.";
            return false;
        }
        _byValue.Add(id.Value, id.Name);
        _byName.Add(id.Name, id.Value);
        error = null;
        return true;
    }

    /// <summary>Removes <paramref name="id"/>.</summary>
    /// <param name="id">The id to remove.</param>
    /// <returns>True when it was held.</returns>
    public bool Remove(DeviceId id)
    {
        if (!_byName.TryGetValue(id.Name ?? string.Empty, out var value) || value != id.Value)
        {
            return false;
        }
        _byName.Remove(id.Name!);
        _byValue.Remove(value);
        return true;
    }

    /// <summary>Looks up the device with numeric id <paramref name="value"/>.</summary>
    /// <param name="value">The numeric id.</param>
    /// <param name="id">The device's id when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(long value, out DeviceId id)
    {
        var found = _byValue.TryGetValue(value, out var name);
        id = found ? new DeviceId(name!, value) : default;
        return found;
    }

    /// <summary>Looks up the device named <paramref name="name"/>.</summary>
    /// <param name="name">The full name.</param>
    /// <param name="id">The device's id when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string name, out DeviceId id)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = _byName.TryGetValue(name, out var value);
        id = found ? new DeviceId(name, value) : default;
        return found;
    }
}
