using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Liberty.Devices.Model;

/// <summary>
/// A device's identity: the readable name unique in the cluster (<c>&lt;node&gt;/&lt;name&gt;</c>) and the numeric
/// id Lua apps see, derived from the name alone.
/// </summary>
/// <remarks>
/// <para><b>The numeric id</b> is <see cref="ComputeNumericId"/>: the first 8 bytes of SHA-256 over the UTF-8 bytes of
/// the full name, read big-endian, masked to the low 53 bits; 0 maps to 1. So it is a positive integer below 2^53
/// (exact in a double, a Lua integer, a JSON number), the same on every run and every machine, and needs no
/// coordination between nodes. The name is hashed exactly as given: names are case-sensitive and not normalised.</para>
/// <para>Two different names can hash to the same id (about one chance in 10^8 with 10^4 devices). The registry
/// refuses the second one with <see cref="DeviceIdIndex.TryAdd"/>'s message.</para>
/// </remarks>
/// <param name="Name">The full readable name, <c>&lt;node&gt;/&lt;name&gt;</c>.</param>
/// <param name="Value">The numeric id: <see cref="ComputeNumericId"/> of <paramref name="Name"/>.</param>
public readonly record struct DeviceId(string Name, long Value)
{
    /// <summary>The exclusive upper bound of numeric ids: 2^53.</summary>
    public const long NumericIdLimit = 1L << 53;

    /// <summary>The node part of <see cref="Name"/> (before the first '/').</summary>
    [JsonIgnore]
    public string Node => Name[..Name.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The device part of <see cref="Name"/> (after the first '/').</summary>
    [JsonIgnore]
    public string LocalName => Name[(Name.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Creates the id of device <paramref name="localName"/> on node <paramref name="node"/>.</summary>
    /// <param name="node">The node name: non-empty, no '/', no whitespace or control characters.</param>
    /// <param name="localName">The device name on that node: non-empty, no whitespace or control characters (may contain '/').</param>
    /// <returns>The id of <c>node/localName</c>.</returns>
    /// <exception cref="ArgumentException">A part is empty or contains a forbidden character; the message says which.</exception>
    public static DeviceId Create(string node, string localName)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(localName);
        return TryParse(node + "/" + localName, out var id, out var error) ? id : throw new ArgumentException(error, nameof(localName));
    }

    /// <summary>Parses a full name <c>&lt;node&gt;/&lt;name&gt;</c> (user input: config, CLI, API).</summary>
    /// <param name="fullName">The full name.</param>
    /// <param name="id">The id when the name is valid.</param>
    /// <param name="error">Why the name is invalid, naming the offending part; null when valid.</param>
    /// <returns>True when <paramref name="fullName"/> is a valid device name.</returns>
    public static bool TryParse(string? fullName, out DeviceId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(fullName))
        {
            error = "A device name must not be empty; expected '<node>/<name>'.";
            return false;
        }
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1)
        {
            error = $"Device name '{fullName}' must have the form '<node>/<name>' with both parts non-empty.";
            return false;
        }
        foreach (var c in fullName)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                error = $"Device name '{fullName}' contains a whitespace or control character (U+{(int)c:X4}).";
                return false;
            }
        }
        id = new DeviceId(fullName, ComputeNumericId(fullName));
        error = null;
        return true;
    }

    /// <summary>Computes the numeric id of a full device name (see the type's remarks for the exact function).</summary>
    /// <param name="fullName">The full name, hashed as given.</param>
    /// <returns>A value in 1 .. 2^53 − 1.</returns>
    public static long ComputeNumericId(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(fullName), hash);
        var value = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & (NumericIdLimit - 1));
        return value == 0 ? 1 : value;
    }

    /// <summary>Returns the readable name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
