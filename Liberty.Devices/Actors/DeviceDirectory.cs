using System.Collections.Concurrent;
using Akka.Actor;
using Liberty.Devices.Model;

namespace Liberty.Devices.Actors;

/// <summary>
/// The node's devices, readable from any thread without asking an actor: numeric id and name → actor
/// and latest snapshot. Task threads read device state here (<c>Libre_DeviceOnOffGet</c> never blocks).
/// </summary>
/// <remarks>
/// <b>Writers:</b> the <see cref="DeviceRegistry"/> adds and removes entries; each <see cref="DeviceActor"/>
/// replaces its entry's snapshot after every change. <b>Readers:</b> anyone. Snapshots are immutable, so
/// a reader sees one consistent state of a device (possibly a moment old).
/// </remarks>
public sealed class DeviceDirectory
{
    private readonly ConcurrentDictionary<long, DeviceEntry> _byId = new();
    private readonly ConcurrentDictionary<string, DeviceEntry> _byName = new(StringComparer.Ordinal);

    /// <summary>Number of devices.</summary>
    public int Count => _byId.Count;

    /// <summary>All devices, ordered by name.</summary>
    public IReadOnlyList<DeviceEntry> All => [.. _byId.Values.OrderBy(static e => e.Info.Id.Name, StringComparer.Ordinal)];

    /// <summary>Finds a device by numeric id.</summary>
    /// <param name="id">The numeric id.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGet(long id, out DeviceEntry entry) => _byId.TryGetValue(id, out entry!);

    /// <summary>Finds a device by readable name (<c>node/name</c>) or by its numeric id written in decimal.</summary>
    /// <param name="idOrName">The name or the id.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryFind(string idOrName, out DeviceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        if (_byName.TryGetValue(idOrName, out entry!))
        {
            return true;
        }
        return long.TryParse(idOrName, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && TryGet(id, out entry);
    }

    internal bool TryAdd(DeviceEntry entry)
    {
        if (!_byId.TryAdd(entry.Info.Id.Value, entry))
        {
            return false;
        }
        _byName[entry.Info.Id.Name] = entry;
        return true;
    }

    internal bool Remove(long id)
    {
        if (!_byId.TryRemove(id, out var entry))
        {
            return false;
        }
        _byName.TryRemove(entry.Info.Id.Name, out _);
        return true;
    }
}

/// <summary>One device in the <see cref="DeviceDirectory"/>.</summary>
public sealed class DeviceEntry
{
    private DeviceSnapshot _snapshot;

    internal DeviceEntry(DeviceInfo info, bool isVirtual)
    {
        Info = info;
        IsVirtual = isVirtual;
        _snapshot = new DeviceSnapshot(info, false, null, []);
    }

    /// <summary>What the device is.</summary>
    public DeviceInfo Info { get; }

    /// <summary>Its actor: send <see cref="SendDeviceCommand"/>, <see cref="QueryDevice"/>... here.</summary>
    public IActorRef Actor { get; internal set; } = ActorRefs.Nobody;

    /// <summary>Whether it is a virtual device owned by a task.</summary>
    public bool IsVirtual { get; }

    /// <summary>For a virtual device: the id of the task that owns it (only that task may drive it); null otherwise.</summary>
    public long? OwnerTask { get; internal init; }

    /// <summary>The latest state (attributes, ok, last heard).</summary>
    public DeviceSnapshot Snapshot
    {
        get => Volatile.Read(ref _snapshot);
        internal set => Volatile.Write(ref _snapshot, value);
    }
}
