using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace Liberty.Actors.Serialization;

/// <summary>
/// Writes an <see cref="IActorRef"/> as its serialized actor path (with the address of this node, so the receiver
/// can answer) and resolves it back through the receiving system's provider. Null stays null.
/// </summary>
/// <param name="system">The system that resolves paths.</param>
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An actor reference must be a string (an actor path), not {reader.TokenType}.");
        }
        var path = reader.GetString();
        return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStringValue(value.IsNobody() ? "" : Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
