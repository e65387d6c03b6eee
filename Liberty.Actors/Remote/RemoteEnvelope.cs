namespace Liberty.Actors.Remote;

/// <summary>
/// One message between nodes, ready for the wire: who to, who from, what kind, and the serialized
/// payload. Transports carry it as they like (it is itself JSON-serializable).
/// </summary>
/// <param name="Kind">User message or a DeathWatch signal.</param>
/// <param name="Recipient">The recipient's full path with uid (<see cref="ActorPath.ToSerializationFormat"/>).</param>
/// <param name="Sender">The sender's full path with uid, or null.</param>
/// <param name="Manifest">The registered name of the payload's type (empty for signals).</param>
/// <param name="Payload">The UTF-8 JSON of the message (empty for signals).</param>
public sealed record RemoteEnvelope(RemoteEnvelopeKind Kind, string Recipient, string? Sender, string Manifest, byte[] Payload);
