using Akka.Actor;

namespace Liberty.Node.Cluster;

/// <summary>
/// The <see cref="Liberty.Devices.Actors.DeviceEntry.Actor"/> of a remote device: a lightweight local actor reference that
/// forwards every message, with its sender, to this node's <see cref="RemoteDevices"/> (one actor serves the whole
/// fleet, instead of one proxy actor per remote device).
/// </summary>
/// <remarks>
/// Works with <c>Tell</c> and <c>Ask</c>. It is a local stand-in: it is not meant to be sent to another node, and
/// DeathWatch on it is not supported (the device's presence is the directory's business).
/// </remarks>
internal sealed class RemoteDeviceRef : MinimalActorRef
{
    private readonly long _deviceId;
    private readonly IActorRef _remoteDevices;

    /// <summary>Creates the stand-in of one device.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <param name="remoteDevices">This node's <see cref="RemoteDevices"/> actor (a local actor).</param>
    /// <param name="provider">The system's provider.</param>
    public RemoteDeviceRef(long deviceId, IActorRef remoteDevices, IActorRefProvider provider)
    {
        _deviceId = deviceId;
        _remoteDevices = remoteDevices;
        Provider = provider;
        Path = remoteDevices.Path / ("device-" + deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override IActorRefProvider Provider { get; }

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender) =>
        _remoteDevices.Tell(new RemoteDeviceMessage(_deviceId, message), sender);
}
