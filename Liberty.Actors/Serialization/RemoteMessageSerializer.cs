using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace Liberty.Actors.Serialization;

/// <summary>
/// Akka serializer for Liberty's messages that cross nodes (<see cref="IRemoteMessage"/>): System.Text.Json bodies
/// with a stable short manifest (<see cref="RemoteMessageAttribute"/>) instead of Akka's default Newtonsoft JSON with
/// full type names. Bind it with <see cref="Hocon"/> (or <see cref="Config"/>) as a fallback of the node's
/// configuration.
/// </summary>
/// <remarks>
/// <para><b>Types.</b> The key → type table is built from every loaded assembly that references Liberty.Actors (and
/// the assemblies named in <c>liberty.serialization.assemblies</c>, loaded at start): each type that implements
/// <see cref="IRemoteMessage"/>. A marked type without a key, or two types with one key, stop the system from starting
/// with a message naming them. A manifest nobody claims is looked up once more in assemblies loaded since, then
/// refused with <see cref="SerializationException"/>: the serializer never instantiates a type that does not carry the
/// marker, whatever arrives on the wire.</para>
/// <para><b>JSON.</b> System.Text.Json defaults (property names as declared or as their <c>JsonPropertyName</c>,
/// enums as numbers, interface collections read back as lists and dictionaries), plus <see cref="IActorRef"/>
/// written as its actor path and resolved by the receiving system.</para>
/// <para><b>Thread:</b> Akka calls it from any thread; the table is shared by every system in the process and
/// guarded by a lock that is held only while scanning.</para>
/// </remarks>
public sealed class RemoteMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's Akka identifier (user serializers must be above 40).</summary>
    public const int SerializerId = 4701;

    /// <summary>
    /// The configuration that binds <see cref="IRemoteMessage"/> to this serializer (<c>akka.actor.serializers</c>,
    /// <c>serialization-bindings</c>, <c>serialization-identifiers</c>) and declares
    /// <c>liberty.serialization.assemblies</c> (extra assembly names to scan at start; empty by default).
    /// </summary>
    public static readonly string Hocon = $$"""
        akka.actor {
          serializers {
            liberty-json = "{{typeof(RemoteMessageSerializer).FullName}}, {{typeof(RemoteMessageSerializer).Assembly.GetName().Name}}"
          }
          serialization-bindings {
            "{{typeof(IRemoteMessage).FullName}}, {{typeof(IRemoteMessage).Assembly.GetName().Name}}" = liberty-json
          }
          serialization-identifiers {
            "{{typeof(RemoteMessageSerializer).FullName}}, {{typeof(RemoteMessageSerializer).Assembly.GetName().Name}}" = {{SerializerId}}
          }
        }
        liberty.serialization.assemblies = []
        """;

    private static readonly Lock TableLock = new();

    // Written under TableLock by replacing whole dictionaries (copy on write); read lock-free.
    private static Dictionary<string, Type> _byManifest = new(StringComparer.Ordinal);
    private static Dictionary<Type, string> _byType = [];
    private static readonly HashSet<Assembly> ScannedAssemblies = [];

    private readonly JsonSerializerOptions _json;

    /// <summary>Creates the serializer (Akka does, from <see cref="Hocon"/>).</summary>
    /// <param name="system">The system.</param>
    /// <exception cref="InvalidOperationException">A marked type has no key, or two types share one.</exception>
    public RemoteMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _json = new JsonSerializerOptions(JsonSerializerDefaults.General);
        _json.Converters.Add(new ActorRefJsonConverter(system));
        var config = system.Settings.Config;
        var names = config.HasPath("liberty.serialization.assemblies") ? config.GetStringList("liberty.serialization.assemblies") : [];
        foreach (var name in names)
        {
            Assembly.Load(name);
        }
        ScanLoadedAssemblies();
    }

    /// <summary><see cref="Hocon"/> parsed.</summary>
    public static Config Config => ConfigurationFactory.ParseString(Hocon);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>The key a remote message type is written under.</summary>
    /// <param name="type">A type implementing <see cref="IRemoteMessage"/>.</param>
    /// <returns>Its <see cref="RemoteMessageAttribute.Manifest"/>.</returns>
    /// <exception cref="ArgumentException">The type is not a remote message type.</exception>
    public static string ManifestOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(IRemoteMessage).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} does not implement {nameof(IRemoteMessage)}: {nameof(RemoteMessageSerializer)} serializes only remote messages (check akka.actor.serialization-bindings).", nameof(type));
        }
        if (_byType.TryGetValue(type, out var manifest))
        {
            return manifest;
        }
        Scan([type.Assembly]);
        return _byType.TryGetValue(type, out manifest) ? manifest
            : throw new ArgumentException($"{type.FullName} implements {nameof(IRemoteMessage)} but is not a concrete type with a [RemoteMessage] key.", nameof(type));
    }

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return ManifestOf(o.GetType());
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ManifestOf(obj.GetType());
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json);
    }

    /// <inheritdoc />
    /// <exception cref="SerializationException">No remote message type carries <paramref name="manifest"/>, or the body is not valid for it.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_byManifest.TryGetValue(manifest, out var type))
        {
            ScanLoadedAssemblies();
            if (!_byManifest.TryGetValue(manifest, out type))
            {
                throw new SerializationException($"Refused a message with manifest '{manifest}': no {nameof(IRemoteMessage)} type in this process has that key (a foreign or newer message type).");
            }
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, type, _json)
                ?? throw new SerializationException($"Refused a message with manifest '{manifest}' ({type.Name}): the body is JSON null.");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"Cannot read a message with manifest '{manifest}' as {type.FullName}: {e.Message}", e);
        }
    }

    private static void ScanLoadedAssemblies()
    {
        var actors = typeof(IRemoteMessage).Assembly;
        var candidates = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && (a == actors || Array.Exists(a.GetReferencedAssemblies(), r => AssemblyName.ReferenceMatchesDefinition(r, actors.GetName()))));
        Scan(candidates);
    }

    private static void Scan(IEnumerable<Assembly> assemblies)
    {
        lock (TableLock)
        {
            var byManifest = new Dictionary<string, Type>(_byManifest, StringComparer.Ordinal);
            var byType = new Dictionary<Type, string>(_byType);
            var scanned = new List<Assembly>();
            foreach (var assembly in assemblies)
            {
                if (ScannedAssemblies.Contains(assembly))
                {
                    continue;
                }
                scanned.Add(assembly);
                foreach (var type in assembly.GetTypes())
                {
                    if (type.IsAbstract || type.IsInterface || !typeof(IRemoteMessage).IsAssignableFrom(type))
                    {
                        continue;
                    }
                    var key = type.GetCustomAttribute<RemoteMessageAttribute>()?.Manifest;
                    if (string.IsNullOrEmpty(key))
                    {
                        throw new InvalidOperationException($"{type.FullName} implements {nameof(IRemoteMessage)} but has no [RemoteMessage(\"key\")]: give it a stable short key.");
                    }
                    if (byManifest.TryGetValue(key, out var other) && other != type)
                    {
                        throw new InvalidOperationException($"Remote message key '{key}' is used by both {other.FullName} and {type.FullName}; keys must be unique.");
                    }
                    byManifest[key] = type;
                    byType[type] = key;
                }
            }
            // Recorded only when every assembly scanned cleanly: a refused assembly is scanned (and refused) again.
            ScannedAssemblies.UnionWith(scanned);
            if (scanned.Count > 0)
            {
                _byManifest = byManifest;
                _byType = byType;
            }
        }
    }
}
