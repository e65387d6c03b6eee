using Akka.Actor;
using Liberty.Devices.Model;

namespace Liberty.Devices.Actors;

/// <summary>One device in the <see cref="DeviceDirectory"/>: a device of this node, or (<see cref="IsRemote"/>) one of another node of the cluster.</summary>
public sealed class DeviceEntry
{
    // Written by the device's actor (local) or the cluster layer's actor (remote), read by anyone.
    private DeviceSnapshot _snapshot;

    // Set once when the entry is added to a directory, before it is visible there; read by the snapshot setter.
    private volatile DeviceDirectory? _directory;

    internal DeviceEntry(DeviceInfo info, bool isVirtual, bool isRemote = false)
    {
        Info = info;
        IsVirtual = isVirtual;
        IsRemote = isRemote;
        _snapshot = new DeviceSnapshot(info, false, null, []);
    }

    /// <summary>What the device is.</summary>
    public DeviceInfo Info { get; }

    /// <summary>The node that owns the device (the first part of its name).</summary>
    public string Node => Info.Id.Node;

    /// <summary>
    /// Its actor: send <see cref="SendDeviceCommand"/>, <see cref="WriteDeviceAttributes"/>, <see cref="QueryDevice"/>,
    /// <see cref="GetDeviceSnapshot"/> here. For a remote device it is a local stand-in that carries them to the owner
    /// and the answers back (a command to a node that cannot be reached fails at once).
    /// </summary>
    public IActorRef Actor { get; internal set; } = ActorRefs.Nobody;

    /// <summary>Whether it is a virtual device owned by a task.</summary>
    public bool IsVirtual { get; }

    /// <summary>
    /// Whether the device belongs to another node of the cluster. Its <see cref="Snapshot"/> is the fleet directory's
    /// record (attributes only while a local task watches it) and is not ok while its node is unreachable or gone.
    /// </summary>
    public bool IsRemote { get; }

    /// <summary>For a virtual device of this node: the id of the task that owns it (only that task may drive it); null otherwise.</summary>
    public long? OwnerTask { get; internal init; }

    /// <summary>The latest state (attributes, ok, last heard).</summary>
    public DeviceSnapshot Snapshot
    {
        get => Volatile.Read(ref _snapshot);
        internal set
        {
            var previous = Interlocked.Exchange(ref _snapshot, value);
            if (!IsRemote && previous.Ok != value.Ok)
            {
                _directory?.NotifyLocal(this, DeviceDirectoryChange.OkChanged);
            }
        }
    }

    internal void AttachTo(DeviceDirectory directory) => _directory = directory;
}
