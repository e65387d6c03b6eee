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

    /// <summary>
    /// The children: one element type for a List, the fields of a Table, none otherwise. For a reference to a named type
    /// (<see cref="TypeName"/>), the children of that type's definition (read when needed: named types may be recursive).
    /// </summary>
    public IReadOnlyList<SignatureParameter> Children
    {
        get => NamedType?.Definition?.Children ?? _children;
        init => _children = value;
    }

    private readonly IReadOnlyList<SignatureParameter> _children = [];

    /// <summary>The named type (<c>"Types"</c> of a Gen-2 signature) this node refers to; null for a built-in type.</summary>
    internal SignatureNamedType? NamedType { get; init; }

    /// <summary>The named type's name, or null for a built-in type.</summary>
    public string? TypeName => NamedType?.Name;

    /// <summary>
    /// Enumeration: the labels, index 0 first (a named Enumeration type's children, or the <c>Enum</c> of a description
    /// file for a Gen-1 parameter); null when unknown (then any index ≥ 0 is accepted).
    /// </summary>
    public IReadOnlyList<string>? Labels
    {
        get => NamedType?.Definition?.Labels ?? _labels;
        init => _labels = value;
    }

    private readonly IReadOnlyList<string>? _labels;

    /// <summary>Display names and descriptions by locale (from the app's <c>.sigdesc.&lt;locale&gt;</c> files); empty without.</summary>
    public IReadOnlyDictionary<string, SignatureText> Texts { get; init; } = new Dictionary<string, SignatureText>();

    /// <summary>Every attribute as written (name → value), including ones this node does not interpret (UI hints).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Device: the accepted device type alternatives (<c>DeviceType</c>); empty accepts any device.</summary>
    public IReadOnlyList<DeviceTypeAlternative> DeviceTypes { get; init; } = [];

    /// <summary>Device: <c>Access</c>.</summary>
    public DeviceAccess Access { get; init; }

    /// <summary>The argument may be absent or null (Lua nil); a Nullable VirtualDevice left out creates no device.</summary>
    public bool Nullable { get; init; }

    /// <summary>
    /// A List: its elements are distinct. A node inside a List (the element, or a field of the Table that is the element):
    /// its values are distinct among the elements of that nearest enclosing List. Nothing wider (README: "Unique").
    /// </summary>
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

    /// <summary>Number: the <c>PhysicalQuantity</c> attribute as written (<c>"1|Cel,7,30,0.5|[degF],45,86,1"</c>, or a plain hint).</summary>
    public string? PhysicalQuantity { get; init; }

    /// <summary>Number: the first alternative of <see cref="PhysicalQuantity"/> (the unit the argument arrives in, and its range); null without.</summary>
    public PhysicalRange? Quantity { get; init; }
}
