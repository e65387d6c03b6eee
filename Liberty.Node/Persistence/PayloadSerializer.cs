using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liberty.Node.Persistence;

/// <summary>
/// Turns events and snapshots into stored bytes and back: System.Text.Json (web defaults, enums as
/// strings) with a registry of <b>manifests</b>, stable names stored beside each payload so that
/// renaming or moving a type does not orphan what is stored (the same idea as Liberty.Actors'
/// MessageSerializer manifests).
/// </summary>
/// <remarks><para><b>Thread:</b> all members are thread-safe; register types before storing them.</para></remarks>
internal sealed class PayloadSerializer
{
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();

    /// <summary>The JSON settings of payloads.</summary>
    public JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    /// <typeparam name="T">A JSON-serializable type.</typeparam>
    /// <param name="manifest">A stable, unique name, e.g. "node.TaskSaved".</param>
    /// <exception cref="ArgumentException">The manifest or the type is already registered differently.</exception>
    public void Register<T>(string manifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        var type = typeof(T);
        if (!_types.TryAdd(manifest, type) && _types[manifest] != type)
        {
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {_types[manifest]}.", nameof(manifest));
        }
        if (!_manifests.TryAdd(type, manifest) && _manifests[type] != manifest)
        {
            throw new ArgumentException($"{type} is already registered as '{_manifests[type]}'.", nameof(manifest));
        }
    }

    /// <summary>Serializes <paramref name="value"/>.</summary>
    /// <param name="value">An instance of a registered type.</param>
    /// <returns>Its manifest and UTF-8 JSON.</returns>
    /// <exception cref="ArgumentException">Its type is not registered, or it cannot be serialized.</exception>
    public (string Manifest, byte[] Payload) Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        if (!_manifests.TryGetValue(type, out var manifest))
        {
            throw new ArgumentException($"{type.FullName} has no manifest: register it with PayloadSerializer.Register<{type.Name}>(\"...\") before storing it.", nameof(value));
        }
        try
        {
            return (manifest, JsonSerializer.SerializeToUtf8Bytes(value, type, JsonOptions));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException($"Cannot serialize {type.FullName} ('{manifest}'): {ex.Message}", nameof(value), ex);
        }
    }

    /// <summary>Deserializes a stored payload.</summary>
    /// <param name="manifest">The manifest stored with it.</param>
    /// <param name="payload">The UTF-8 JSON.</param>
    /// <param name="value">The value, when the result is true.</param>
    /// <param name="error">Why it failed, when the result is false.</param>
    /// <returns>Whether the payload could be read.</returns>
    public bool TryDeserialize(string manifest, ReadOnlySpan<byte> payload, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!_types.TryGetValue(manifest, out var type))
        {
            error = $"unknown manifest '{manifest}' (no type registered for it in this build)";
            return false;
        }
        try
        {
            value = JsonSerializer.Deserialize(payload, type, JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            error = $"the payload ({payload.Length} bytes) does not fit {type.Name}: {ex.Message}";
            return false;
        }
        if (value is null)
        {
            error = "the payload is JSON null";
            return false;
        }
        error = null;
        return true;
    }
}
