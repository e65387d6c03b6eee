using System.Collections.Concurrent;

namespace Liberty.Devices.Actors;

/// <summary>
/// The devices a node knows, readable from any thread without asking an actor: numeric id and name → actor and latest
/// snapshot. Task threads read device state here (<c>Libre_DeviceOnOffGet</c> never blocks). On a cluster it also holds
/// the other nodes' devices (<see cref="DeviceEntry.IsRemote"/>), so listings, name resolution and argument validation
/// see the whole fleet.
/// </summary>
/// <remarks>
/// <para><b>Writers:</b> the <see cref="DeviceRegistry"/> adds and removes local entries; each <see cref="DeviceActor"/>
/// replaces its entry's snapshot after every change; the cluster layer adds, updates and removes remote entries.
/// Writes to the maps are serialized by a lock; <b>readers</b> (anyone) take no lock. Snapshots are immutable, so a
/// reader sees one consistent state of a device (possibly a moment old).</para>
/// <para><b>Local wins:</b> a remote entry never replaces a local one (its numeric id or its name); a local device
/// added while a remote entry holds its id or name replaces that entry.</para>
/// </remarks>
public sealed class DeviceDirectory
{
    private readonly ConcurrentDictionary<long, DeviceEntry> _byId = new();
    private readonly ConcurrentDictionary<string, DeviceEntry> _byName = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Told of local adds, removals and liveness changes (the cluster layer; null on a single node). Set it before
    /// devices are created, or read <see cref="Local"/> after setting it to learn the devices that came before.
    /// </summary>
    public IDeviceDirectoryObserver? Observer { get; set; }

    /// <summary>Number of devices (local and remote).</summary>
    public int Count => _byId.Count;

    /// <summary>All devices (local and remote), ordered by name.</summary>
    public IReadOnlyList<DeviceEntry> All => [.. _byId.Values.OrderBy(static e => e.Info.Id.Name, StringComparer.Ordinal)];

    /// <summary>This node's devices, ordered by name.</summary>
    public IReadOnlyList<DeviceEntry> Local => [.. _byId.Values.Where(static e => !e.IsRemote).OrderBy(static e => e.Info.Id.Name, StringComparer.Ordinal)];

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

    /// <summary>Adds a local device; a remote entry holding its id or name is dropped.</summary>
    /// <returns>False when a local device already has its id.</returns>
    internal bool TryAdd(DeviceEntry entry)
    {
        lock (_lock)
        {
            if (_byId.TryGetValue(entry.Info.Id.Value, out var existing))
            {
                if (!existing.IsRemote)
                {
                    return false;
                }
                RemoveCore(existing);
            }
            if (_byName.TryGetValue(entry.Info.Id.Name, out var named) && named.IsRemote)
            {
                RemoveCore(named);
            }
            entry.AttachTo(this);
            _byId[entry.Info.Id.Value] = entry;
            _byName[entry.Info.Id.Name] = entry;
        }
        NotifyLocal(entry, DeviceDirectoryChange.Added);
        return true;
    }

    /// <summary>Removes a local device.</summary>
    /// <returns>False when there is no local device with that id.</returns>
    internal bool Remove(long id)
    {
        DeviceEntry? removed;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out removed) || removed.IsRemote)
            {
                return false;
            }
            RemoveCore(removed);
        }
        NotifyLocal(removed, DeviceDirectoryChange.Removed);
        return true;
    }

    /// <summary>Adds a remote entry, or replaces the remote entry with the same id.</summary>
    /// <returns>False (nothing changes) when a local device has its id or its name.</returns>
    /// <exception cref="ArgumentException">The entry is not remote.</exception>
    internal bool TryAddRemote(DeviceEntry entry)
    {
        if (!entry.IsRemote)
        {
            throw new ArgumentException($"{entry.Info.Id.Name} is not a remote entry.", nameof(entry));
        }
        lock (_lock)
        {
            if (_byId.TryGetValue(entry.Info.Id.Value, out var existing))
            {
                if (!existing.IsRemote)
                {
                    return false;
                }
                RemoveCore(existing);
            }
            if (_byName.TryGetValue(entry.Info.Id.Name, out var named))
            {
                if (!named.IsRemote)
                {
                    return false;
                }
                RemoveCore(named);
            }
            entry.AttachTo(this);
            _byId[entry.Info.Id.Value] = entry;
            _byName[entry.Info.Id.Name] = entry;
            return true;
        }
    }

    /// <summary>Removes this remote entry, if the directory still holds it.</summary>
    /// <returns>Whether it was removed.</returns>
    internal bool RemoveRemote(DeviceEntry entry)
    {
        lock (_lock)
        {
            if (!entry.IsRemote || !_byId.TryGetValue(entry.Info.Id.Value, out var current) || !ReferenceEquals(current, entry))
            {
                return false;
            }
            RemoveCore(entry);
            return true;
        }
    }

    internal void NotifyLocal(DeviceEntry entry, DeviceDirectoryChange change) => Observer?.LocalDeviceChanged(entry, change);

    private void RemoveCore(DeviceEntry entry)
    {
        _byId.TryRemove(new KeyValuePair<long, DeviceEntry>(entry.Info.Id.Value, entry));
        _byName.TryRemove(new KeyValuePair<string, DeviceEntry>(entry.Info.Id.Name, entry));
    }
}
