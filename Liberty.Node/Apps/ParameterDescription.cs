using Liberty.Node.Apps.Schema;

namespace Liberty.Node.Apps;

/// <summary>
/// A parameter (or a List's element, or a Table's field) as the signature and its description files describe it: what
/// people read (names, labels) and every constraint a form needs to offer the right choices and check a value before
/// it is sent (the node checks again when the task starts).
/// </summary>
/// <param name="Name">The NativeName (empty for a List's element).</param>
/// <param name="Id">The <c>ID</c> of the <c>.sig</c>.</param>
/// <param name="Type">The built-in type (<c>Device</c>, <c>Table</c>, <c>Enumeration</c>, ...).</param>
/// <param name="TypeName">The named type it refers to (Gen 2), or null.</param>
/// <param name="Nullable">Whether it may be left out.</param>
/// <param name="Labels">Enumeration: the labels, index 0 first; null otherwise or when unknown.</param>
/// <param name="Texts">Display name, description (and localized labels) by locale.</param>
/// <param name="Children">A List's element or a Table's fields. A named type met again inside itself is not expanded again (its <paramref name="TypeName"/> says what it is).</param>
public sealed record ParameterDescription(
    string Name,
    int Id,
    string Type,
    string? TypeName,
    bool Nullable,
    IReadOnlyList<string>? Labels,
    IReadOnlyDictionary<string, SignatureText> Texts,
    IReadOnlyList<ParameterDescription> Children)
{
    /// <summary>Device: the device types accepted (any one of them); empty accepts any device.</summary>
    public IReadOnlyList<DeviceTypeChoice> DeviceTypes { get; init; } = [];

    /// <summary>VirtualDevice: the type spec of the device the task gets (<c>"1,101,8"</c>); null otherwise.</summary>
    public string? VirtualDevice { get; init; }

    /// <summary>List: the fewest elements; null for none.</summary>
    public int? SizeMin { get; init; }

    /// <summary>List: the most elements; null for none.</summary>
    public int? SizeMax { get; init; }

    /// <summary>A List's elements (or this field among the List's elements) must be distinct.</summary>
    public bool Unique { get; init; }

    /// <summary>List: the order of the elements does not matter.</summary>
    public bool Unordered { get; init; }

    /// <summary>Table field: the one shown when the table is listed.</summary>
    public bool TableHeader { get; init; }

    /// <summary>Number: the inclusive minimum (NumberMin and the PhysicalQuantity range together); null for none.</summary>
    public double? Min { get; init; }

    /// <summary>Number: the inclusive maximum; null for none.</summary>
    public double? Max { get; init; }

    /// <summary>Number: values are <c>NumberMin + k × Step</c> (enforced); null for any.</summary>
    public double? Step { get; init; }

    /// <summary>Number: the step a picker moves by when <see cref="Step"/> is not set (PhysicalQuantity's step, a hint); null for none.</summary>
    public double? StepHint { get; init; }

    /// <summary>Number: the UCUM unit the value is in (<c>Cel</c>), from PhysicalQuantity; null for none.</summary>
    public string? Unit { get; init; }

    /// <summary>Number: show as a percentage.</summary>
    public bool ShowPercentage { get; init; }

    /// <summary>The value used when the argument is left out (a number, string, boolean, label index or seconds); null for none.</summary>
    public object? Default { get; init; }

    internal static ParameterDescription From(SignatureParameter parameter, IReadOnlyCollection<string> expanding)
    {
        var texts = parameter.Texts.Count == 0 && parameter.NamedType?.Definition is { } definition ? definition.Texts : parameter.Texts;
        IReadOnlyList<ParameterDescription> children = [];
        if (parameter.TypeName is not { } name || !expanding.Contains(name))
        {
            IReadOnlyCollection<string> inner = parameter.TypeName is { } typeName ? [.. expanding, typeName] : expanding;
            children = [.. parameter.Children.Select(c => From(c, inner))];
        }
        var quantity = parameter.Quantity;
        return new ParameterDescription(parameter.NativeName, parameter.Id, parameter.Type.ToString(), parameter.TypeName, parameter.Nullable, parameter.Labels, texts, children)
        {
            DeviceTypes = [.. parameter.DeviceTypes.Select(static a => new DeviceTypeChoice(a.DeviceType, a.Clusters))],
            VirtualDevice = parameter.VirtualDeviceSpec,
            SizeMin = parameter.SizeMin,
            SizeMax = parameter.SizeMax,
            Unique = parameter.Unique,
            Unordered = parameter.Unordered,
            TableHeader = parameter.TableHeader,
            Min = Tighter(parameter.NumberMin, quantity?.Min, Math.Max),
            Max = Tighter(parameter.NumberMax, quantity?.Max, Math.Min),
            Step = parameter.NumberStep,
            StepHint = quantity is { Step: > 0 } ? quantity.Step : null,
            Unit = quantity?.Unit,
            ShowPercentage = parameter.ShowPercentage,
            Default = parameter.Default,
        };
    }

    private static double? Tighter(double? a, double? b, Func<double, double, double> pick) => (a, b) switch
    {
        ({ } x, { } y) => pick(x, y),
        _ => a ?? b,
    };
}
