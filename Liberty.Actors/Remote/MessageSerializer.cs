using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liberty.Actors.Remote;

/// <summary>
/// Turns messages that cross nodes into bytes and back: System.Text.Json with a registry of
/// <b>manifests</b> (stable names of message types, so renaming a class does not break the wire).
/// </summary>
/// <remarks>
/// <para>Refs inside messages travel as their full path with uid and come back as refs of the
/// receiving system (local actors resolve to themselves, others to remote refs). Exceptions (in
/// <see cref="Status.Failure"/>) travel as type name and message and arrive as <see cref="RemoteException"/>.</para>
/// <para>Built in: <see cref="PoisonPill"/>, <see cref="Kill"/>, <see cref="Identify"/>,
/// <see cref="ActorIdentity"/>, <see cref="Status.Success"/>, <see cref="Status.Failure"/>,
/// <see cref="Terminated"/>. Register everything else before sending it; an unregistered type is a
/// <see cref="SerializationException"/> at the sender, not a silent drop.</para>
/// <para><b>Thread safety:</b> all members are thread-safe.</para>
/// </remarks>
public sealed class MessageSerializer
{
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly ConcurrentDictionary<string, object> _singletons = new(StringComparer.Ordinal);

    internal MessageSerializer(ActorSystem system)
    {
        JsonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new ActorRefConverter(system), new ExceptionConverter() },
        };
        RegisterSingleton(PoisonPill.Instance, "liberty.PoisonPill");
        RegisterSingleton(Kill.Instance, "liberty.Kill");
        Register<Identify>("liberty.Identify");
        Register<ActorIdentity>("liberty.ActorIdentity");
        Register<Status.Success>("liberty.Status.Success");
        Register<Status.Failure>("liberty.Status.Failure");
        Register<Terminated>("liberty.Terminated");
    }

    /// <summary>The JSON settings used for payloads (with the ref and exception converters).</summary>
    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    /// <typeparam name="T">A JSON-serializable message type (records work well).</typeparam>
    /// <param name="manifest">A stable, unique name, e.g. "devices.DeviceEvent".</param>
    /// <exception cref="ArgumentException">The manifest or the type is already registered differently.</exception>
    public void Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>Registers <paramref name="type"/> under <paramref name="manifest"/>.</summary>
    /// <param name="type">A JSON-serializable message type.</param>
    /// <param name="manifest">A stable, unique name.</param>
    public void Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        if (!_types.TryAdd(manifest, type) && _types[manifest] != type)
        {
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {_types[manifest]}.", nameof(manifest));
        }
        if (!_manifests.TryAdd(type, manifest) && _manifests[type] != manifest)
        {
            throw new ArgumentException($"{type} is already registered as '{_manifests[type]}'.", nameof(type));
        }
    }

    /// <summary>Registers a singleton message (compared by reference) under <paramref name="manifest"/>.</summary>
    /// <param name="instance">The single instance.</param>
    /// <param name="manifest">A stable, unique name.</param>
    public void RegisterSingleton(object instance, string manifest)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Register(instance.GetType(), manifest);
        _singletons[manifest] = instance;
    }

    /// <summary>The manifest of <paramref name="type"/>, if registered.</summary>
    /// <param name="type">The type.</param>
    /// <param name="manifest">Its manifest.</param>
    /// <returns>Whether it is registered.</returns>
    public bool TryGetManifest(Type type, out string manifest) => _manifests.TryGetValue(type, out manifest!);

    /// <summary>Serializes a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Its manifest and UTF-8 JSON payload.</returns>
    /// <exception cref="SerializationException">Its type is not registered or cannot be serialized.</exception>
    public (string Manifest, byte[] Payload) Serialize(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        if (!_manifests.TryGetValue(type, out var manifest))
        {
            throw new SerializationException($"Cannot send {type.FullName} to another node: register it with MessageSerializer.Register<{type.Name}>(\"...\").");
        }
        if (_singletons.ContainsKey(manifest))
        {
            return (manifest, []);
        }
        try
        {
            return (manifest, JsonSerializer.SerializeToUtf8Bytes(message, type, JsonOptions));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new SerializationException($"Cannot serialize {type.FullName} ('{manifest}'): {ex.Message}", ex);
        }
    }

    /// <summary>Deserializes a payload.</summary>
    /// <param name="manifest">The manifest it was sent with.</param>
    /// <param name="payload">The UTF-8 JSON.</param>
    /// <returns>The message.</returns>
    /// <exception cref="SerializationException">Unknown manifest or a payload that does not fit it.</exception>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (_singletons.TryGetValue(manifest, out var singleton))
        {
            return singleton;
        }
        if (!_types.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"Unknown manifest '{manifest}': the receiving node has not registered it.");
        }
        try
        {
            return JsonSerializer.Deserialize(payload, type, JsonOptions)
                ?? throw new SerializationException($"Payload of '{manifest}' is JSON null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new SerializationException($"Payload of '{manifest}' does not fit {type.Name}: {ex.Message}", ex);
        }
    }

    private sealed class ActorRefConverter(ActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            var text = reader.GetString();
            return ActorPath.TryParse(text, out var path)
                ? system.ResolveActorRef(path!)
                : throw new JsonException($"'{text}' is not an actor path.");
        }

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Path.ToSerializationFormat());
    }

    private sealed class ExceptionConverter : JsonConverter<Exception>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(Exception).IsAssignableFrom(typeToConvert);

        public override Exception? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new RemoteException(message ?? "(no message)") { OriginalType = type };
        }

        public override void Write(Utf8JsonWriter writer, Exception value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("type", value is RemoteException r ? r.OriginalType : value.GetType().FullName);
            writer.WriteString("message", value.Message);
            writer.WriteEndObject();
        }
    }
}
