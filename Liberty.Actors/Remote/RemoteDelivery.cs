using Liberty.Actors.Events;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Remote;

/// <summary>
/// The kernel's end of a transport: serializes outbound messages and signals, and turns inbound
/// envelopes into local deliveries (user messages, remote watches, death notices).
/// </summary>
internal sealed class RemoteDelivery(ActorSystem system, IRemoteTransport transport) : IRemoteInbound
{
    public IRemoteTransport Transport { get; } = transport;

    public bool SendUser(RemoteActorRef recipient, object message, IActorRef? sender)
    {
        (string Manifest, byte[] Payload) serialized;
        try
        {
            serialized = system.Serializer.Serialize(message);
        }
        catch (SerializationException ex)
        {
            system.Log.Error(ex.Message, ex);
            return false;
        }
        var envelope = new RemoteEnvelope(RemoteEnvelopeKind.User, recipient.Path.ToSerializationFormat(), sender?.Path.ToSerializationFormat(), serialized.Manifest, serialized.Payload);
        return Transport.Send(recipient.Path.Address, envelope);
    }

    public void SendSignal(RemoteEnvelopeKind kind, RemoteActorRef recipient, IActorRef sender)
    {
        var envelope = new RemoteEnvelope(kind, recipient.Path.ToSerializationFormat(), sender.Path.ToSerializationFormat(), "", []);
        Transport.Send(recipient.Path.Address, envelope);
    }

    public void Deliver(RemoteEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!ActorPath.TryParse(envelope.Recipient, out var recipientPath) || recipientPath!.Address != system.Address)
        {
            system.Log.Warning($"Dropped a remote envelope for '{envelope.Recipient}': not an actor of {system.Address}.");
            return;
        }
        var recipient = ActorSystem.AsInternal(system.ResolveActorRef(recipientPath));
        IActorRef? sender = envelope.Sender is not null && ActorPath.TryParse(envelope.Sender, out var senderPath)
            ? system.ResolveActorRef(senderPath!)
            : null;
        switch (envelope.Kind)
        {
            case RemoteEnvelopeKind.User:
                object message;
                try
                {
                    message = system.Serializer.Deserialize(envelope.Manifest, envelope.Payload);
                }
                catch (SerializationException ex)
                {
                    system.Log.Warning($"Dropped a remote message for {recipientPath}: {ex.Message}");
                    return;
                }
                recipient.Tell(message, sender);
                break;
            case RemoteEnvelopeKind.Watch when sender is InternalActorRef watcher:
                recipient.SendSystemMessage(new Watch(recipient, watcher));
                break;
            case RemoteEnvelopeKind.Unwatch when sender is InternalActorRef watcher:
                recipient.SendSystemMessage(new Unwatch(recipient, watcher));
                break;
            case RemoteEnvelopeKind.DeathWatchNotification when sender is not null:
                recipient.SendSystemMessage(new DeathWatchNotification(sender, existenceConfirmed: true, addressTerminated: false));
                break;
            default:
                system.Log.Warning($"Dropped a malformed remote envelope ({envelope.Kind}) for {recipientPath}.");
                break;
        }
    }

    public void AddressTerminated(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        system.OnAddressTerminated(address);
    }

    public void AddressUp(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        system.OnAddressUp(address);
    }
}
