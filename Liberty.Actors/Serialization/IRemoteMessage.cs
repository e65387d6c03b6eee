namespace Liberty.Actors.Serialization;

/// <summary>
/// Marks a message that may cross nodes: Akka serializes it with <see cref="RemoteMessageSerializer"/> (System.Text.Json)
/// under the short key its <see cref="RemoteMessageAttribute"/> gives. The serializer refuses to read any type that
/// does not carry this marker, whatever the manifest on the wire says.
/// </summary>
/// <remarks>
/// A type implementing it must be serializable by System.Text.Json with the serializer's options (public constructor
/// or record, public properties; <c>IActorRef</c> properties are written as actor paths) and must carry
/// <see cref="RemoteMessageAttribute"/>; the serializer refuses to start when a type has the marker but no key.
/// </remarks>
#pragma warning disable CA1040 // A marker interface on purpose: Akka's serialization-bindings bind by type, not by attribute.
public interface IRemoteMessage;
#pragma warning restore CA1040
