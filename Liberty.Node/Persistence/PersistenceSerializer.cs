using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Liberty.Node.Persistence;

/// <summary>
/// The Akka serializer of the node's events and snapshots: System.Text.Json (web defaults, enums as strings)
/// with a <b>manifest</b> per type, a stable name stored beside each payload, so that renaming or moving a
/// class does not orphan what is stored. <see cref="PersistenceHocon"/> binds every type of
/// <see cref="Manifests"/> to it; nothing of the node's state goes through Akka's default JSON serializer.
/// </summary>
/// <remarks>
/// <para>The manifests and the JSON shape are the ones the node's journal used before Akka.Persistence, so the
/// same code reads a previous version's payloads (<see cref="LegacyJournal"/>).</para>
/// <para>A payload that cannot be read (a manifest this build does not know, JSON that does not fit its type)
/// comes back as an <see cref="UnreadablePayload"/> rather than an exception: the entity skips such an event
/// and logs it, and refuses such a snapshot (<see cref="TaskStoreEntity{TState}"/>).</para>
/// <para><b>Thread:</b> any thread (Akka calls it concurrently); it holds no mutable state.</para>
/// </remarks>
internal sealed class PersistenceSerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's Akka identifier, stored with every row it wrote. Never change it.</summary>
    public const int SerializerIdentifier = 5101;

    /// <summary>The stored types and their manifests. A manifest, once stored, must keep meaning the same type.</summary>
    public static readonly FrozenDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(AppSaved)] = "node.AppSaved",
        [typeof(AppRemoved)] = "node.AppRemoved",
        [typeof(TaskSaved)] = "node.TaskSaved",
        [typeof(TaskDeleted)] = "node.TaskDeleted",
        [typeof(TaskDataSaved)] = "node.TaskDataSaved",
        [typeof(DeviceSaved)] = "node.DeviceSaved",
        [typeof(AppsState)] = "node.AppsState",
        [typeof(TasksState)] = "node.TasksState",
        [typeof(DevicesState)] = "node.DevicesState",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> Types = Manifests.ToFrozenDictionary(static m => m.Value, static m => m.Key, StringComparer.Ordinal);

    /// <summary>Creates the serializer (Akka does, from <c>akka.actor.serializers</c>).</summary>
    /// <param name="system">The actor system.</param>
    public PersistenceSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>The JSON settings of payloads.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <inheritdoc />
    public override int Identifier => SerializerIdentifier;

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no manifest: add it to PersistenceSerializer.Manifests.", nameof(o));
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), JsonOptions);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => Deserialize(manifest, bytes);

    /// <summary>Reads a stored payload.</summary>
    /// <param name="manifest">The manifest stored with it.</param>
    /// <param name="payload">The UTF-8 JSON.</param>
    /// <returns>The value, or an <see cref="UnreadablePayload"/> saying why it could not be read.</returns>
    public static object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        if (!Types.TryGetValue(manifest ?? string.Empty, out var type))
        {
            return new UnreadablePayload(manifest ?? string.Empty, $"unknown manifest '{manifest}' (no type has it in this build)");
        }
        try
        {
            return JsonSerializer.Deserialize(payload, type, JsonOptions)
                ?? new UnreadablePayload(manifest!, "the payload is JSON null");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return new UnreadablePayload(manifest!, $"the payload ({payload.Length} bytes) does not fit {type.Name}: {ex.Message}");
        }
    }
}
