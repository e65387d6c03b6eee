using Liberty.Actors.Serialization;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Devices.Actors;

/// <summary>Sends a command to a device actor.</summary>
/// <param name="Command">The command (its correlation id is assigned by the actor).</param>
/// <param name="ReplyWithResult">
/// True: the sender gets a <see cref="DeviceCommandResult"/> once the command has ended (Ask-style callers:
/// the API, the CLI). False: the sender gets nothing on success and an <c>ok=false</c> command
/// <see cref="DeviceEvent"/> on failure (task threads: the failure arrives as an event in their queue, so a
/// command to an unreachable device is never silently lost).
/// </param>
[RemoteMessage("dev.cmd")]
public sealed record SendDeviceCommand(DeviceCommand Command, bool ReplyWithResult = true) : IRemoteMessage;

/// <summary>Writes attributes of one cluster of a device; replies as <see cref="SendDeviceCommand"/>.</summary>
/// <param name="Write">The write.</param>
/// <param name="ReplyWithResult">See <see cref="SendDeviceCommand.ReplyWithResult"/>.</param>
[RemoteMessage("dev.write")]
public sealed record WriteDeviceAttributes(AttributeWrite Write, bool ReplyWithResult = true) : IRemoteMessage;

/// <summary>The outcome of a command or write.</summary>
/// <param name="DeviceId">The device's numeric id.</param>
/// <param name="Result">Success or why not (never Pending).</param>
[RemoteMessage("dev.result")]
public sealed record DeviceCommandResult(long DeviceId, CommandResult Result) : IRemoteMessage;

/// <summary>Asks the device to re-read itself and report every cluster (source Query); replies with a <see cref="DeviceSnapshot"/>.</summary>
[RemoteMessage("dev.query")]
public sealed record QueryDevice : IRemoteMessage
{
    /// <summary>The single instance.</summary>
    public static QueryDevice Instance { get; } = new();
}

/// <summary>Asks for the cached state; replies with a <see cref="DeviceSnapshot"/>.</summary>
[RemoteMessage("dev.get")]
public sealed record GetDeviceSnapshot : IRemoteMessage
{
    /// <summary>The single instance.</summary>
    public static GetDeviceSnapshot Instance { get; } = new();
}

/// <summary>
/// Virtual devices: the owning task emits a command from its device (<c>Libre_VirtualDeviceOnOffSet</c>...).
/// A sender, if any, gets a <see cref="DeviceCommandResult"/>.
/// </summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Command">The command id.</param>
/// <param name="Arguments">The command's arguments.</param>
/// <param name="Source">The source to report.</param>
public sealed record VirtualDeviceEmitCommand(int Cluster, int Command, IReadOnlyList<AttributeValue> Arguments, EventSource Source);

/// <summary>Virtual devices: the owning task reports attributes (<c>...Report</c>, <c>SetAttributes</c>).</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Attributes">Attribute id → value.</param>
/// <param name="Source">The source to report.</param>
public sealed record VirtualDeviceReport(int Cluster, IReadOnlyDictionary<int, AttributeValue> Attributes, EventSource Source);

/// <summary>Virtual devices: the owning task marks the device down until its next report.</summary>
public sealed record VirtualDeviceDown
{
    /// <summary>The single instance.</summary>
    public static VirtualDeviceDown Instance { get; } = new();
}

/// <summary>
/// Virtual devices: where the commands and writes addressed to the device go (one watcher at a time,
/// app-api section 2); null to stop delivering them. Replaces the previous watcher.
/// </summary>
/// <param name="Watcher">
/// The owning task thread's event queue (or an actor, through <see cref="ActorDeviceEventSink"/>), or null. An
/// event it refuses is lost; the device actor logs a warning when a run of refusals starts.
/// </param>
public sealed record SetVirtualDeviceWatcher(IDeviceEventSink? Watcher);

/// <summary>
/// Hands a device actor something its driver heard through a connection the node owns (an MQTT message, a broker
/// connection change); the actor passes it to a driver that takes input (MQTT devices) and ignores it otherwise.
/// </summary>
/// <param name="Input">What was heard.</param>
public sealed record DeliverToDriver(object Input);
