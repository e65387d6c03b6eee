namespace Liberty.Node.Apps.Schema;

/// <summary>
/// One parameter of a signature function (or a child of a List or Table parameter), with its attributes already
/// parsed and checked against its type. Immutable.
/// </summary>
internal sealed class SignatureParameter
{
    /// <summary>The <c>ID</c> of the .sig file (informational).</summary>
    public required int Id { get; init; }

    /// <summary>The name: the Lua parameter for a function parameter, the field for a Table child, usually empty for a List child.</summary>
    public required string NativeName { get; init; }

    /// <summary>The type.</summary>
    public required ParameterType Type { get; init; }

    /// <summary>The children: one element type for a List, the fields of a Table, none otherwise.</summary>
    public IReadOnlyList<SignatureParameter> Children { get; init; } = [];

    /// <summary>Every attribute as written (name → value), including ones this node does not interpret (UI hints).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Device: the accepted device type alternatives (<c>DeviceType</c>); empty accepts any device.</summary>
    public IReadOnlyList<DeviceTypeAlternative> DeviceTypes { get; init; } = [];

    /// <summary>Device: <c>Access</c>.</summary>
    public DeviceAccess Access { get; init; }

    /// <summary>Device: the argument may be null (Lua nil). Other types accept null only when this is set too.</summary>
    public bool Nullable { get; init; }

    /// <summary>Device: no other Device argument of the same call may name the same device. List: elements are distinct.</summary>
    public bool Unique { get; init; }

    /// <summary>VirtualDevice: the type spec (<c>"1,101,8"</c>), checked when parsed.</summary>
    public string? VirtualDeviceSpec { get; init; }

    /// <summary>List: minimum number of elements; null for none.</summary>
    public int? SizeMin { get; init; }

    /// <summary>List: maximum number of elements; null for none.</summary>
    public int? SizeMax { get; init; }

    /// <summary>List: element order does not matter (a UI hint).</summary>
    public bool Unordered { get; init; }

    /// <summary>Table child: the field shown when the table is listed (a UI hint).</summary>
    public bool TableHeader { get; init; }

    /// <summary>Number: inclusive minimum; null for none.</summary>
    public double? NumberMin { get; init; }

    /// <summary>Number: inclusive maximum; null for none.</summary>
    public double? NumberMax { get; init; }

    /// <summary>Number: values must be <c>NumberMin + k × step</c> (0 + k × step without a minimum); null for any.</summary>
    public double? NumberStep { get; init; }

    /// <summary>Number, String, Boolean, Enumeration, TimeOnly, DateTime: the value used when the argument is absent, as a plain .NET value.</summary>
    public object? Default { get; init; }

    /// <summary>Whether <see cref="Default"/> was given (a default can't be null, so this is <c>Default is not null</c>).</summary>
    public bool HasDefault => Default is not null;

    /// <summary>Number: show as a percentage (a UI hint).</summary>
    public bool ShowPercentage { get; init; }

    /// <summary>Number: the physical quantity (a UI hint, e.g. <c>Temperature</c>).</summary>
    public string? PhysicalQuantity { get; init; }
}
