using Liberty.Actors.Serialization;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// To the owner's gateway: the sender (a node's <see cref="RemoteDevices"/>) has local subscribers of this device. The
/// gateway adds it to the device's remote subscribers and has the device answer it a <see cref="DeviceSnapshot"/>
/// (or answers <see cref="RemoteDeviceUnknown"/>). Idempotent.
/// </summary>
/// <param name="DeviceId">The device's numeric id.</param>
[RemoteMessage("cd.watch")]
internal sealed record WatchRemoteDevice(long DeviceId) : IRemoteMessage;

/// <summary>To the owner's gateway: the sender has no local subscriber of this device any more. Idempotent.</summary>
/// <param name="DeviceId">The device's numeric id.</param>
[RemoteMessage("cd.unwatch")]
internal sealed record UnwatchRemoteDevice(long DeviceId) : IRemoteMessage;

/// <summary>From the owner's gateway: it has no such device (the fleet directory will drop it).</summary>
/// <param name="DeviceId">The device's numeric id.</param>
[RemoteMessage("cd.unknown")]
internal sealed record RemoteDeviceUnknown(long DeviceId) : IRemoteMessage;

/// <summary>An event of a device, sent by its owner to each node that watches it.</summary>
/// <param name="Event">The event as published on the owner's bus.</param>
/// <param name="At">When the owner published it (the owner's clock; the watcher's cache stamps attributes with it).</param>
[RemoteMessage("cd.event")]
internal sealed record RemoteDeviceEvent(DeviceEvent Event, DateTimeOffset At) : IRemoteMessage;

/// <summary>The id of a request to another node's device: unique across incarnations of the sending node.</summary>
/// <param name="Node">The sending node's name.</param>
/// <param name="Incarnation">The sending member's incarnation (its Akka unique address uid).</param>
/// <param name="Sequence">The request's number within that incarnation (from 1).</param>
internal readonly record struct RemoteRequestId(string Node, long Incarnation, long Sequence);

/// <summary>What a <see cref="RemoteDeviceRequest"/> asks.</summary>
internal enum RemoteRequestKind
{
    /// <summary>A <see cref="SendDeviceCommand"/>; executed at most once per id.</summary>
    Command,

    /// <summary>A <see cref="WriteDeviceAttributes"/>; executed at most once per id.</summary>
    Write,

    /// <summary>A <see cref="QueryDevice"/> (the device re-reads itself); answered with a snapshot.</summary>
    Query,

    /// <summary>A <see cref="GetDeviceSnapshot"/>; answered with a snapshot.</summary>
    Snapshot,
}

/// <summary>
/// To the owner's gateway: run this on the device and answer <see cref="RemoteDeviceReply"/> with the same id. A command
/// or write id already seen is not executed again: its first outcome is answered (or will be, when it ends).
/// </summary>
/// <param name="Id">The request's id.</param>
/// <param name="DeviceId">The device's numeric id.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Command">The command (<see cref="RemoteRequestKind.Command"/>); null otherwise.</param>
/// <param name="Write">The write (<see cref="RemoteRequestKind.Write"/>); null otherwise.</param>
/// <param name="Target">
/// The owner's incarnation the request was meant for (its Akka unique address uid), 0 for any. A re-sent command that
/// reaches a restarted owner — which remembers no ids of its previous run — is refused, not executed: so no command runs
/// twice across the owner's restart either.
/// </param>
[RemoteMessage("cd.request")]
internal sealed record RemoteDeviceRequest(RemoteRequestId Id, long DeviceId, RemoteRequestKind Kind, DeviceCommand? Command, AttributeWrite? Write, long Target = 0) : IRemoteMessage;

/// <summary>From the owner's gateway: how a <see cref="RemoteDeviceRequest"/> ended.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="DeviceId">The device's numeric id.</param>
/// <param name="Result">A command's or write's outcome (never Pending); null for queries.</param>
/// <param name="Snapshot">A query's answer; null for commands.</param>
[RemoteMessage("cd.reply")]
internal sealed record RemoteDeviceReply(RemoteRequestId Id, long DeviceId, CommandResult? Result, DeviceSnapshot? Snapshot) : IRemoteMessage;
