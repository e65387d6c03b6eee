using Liberty.Node.Apps.Schema;

namespace Liberty.Node.Apps;

/// <summary>A parameter (or a List's element, or a Table's field) as the signature and its description files describe it.</summary>
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
    internal static ParameterDescription From(SignatureParameter parameter, IReadOnlyCollection<string> expanding)
    {
        var texts = parameter.Texts.Count == 0 && parameter.NamedType?.Definition is { } definition ? definition.Texts : parameter.Texts;
        IReadOnlyList<ParameterDescription> children = [];
        if (parameter.TypeName is not { } name || !expanding.Contains(name))
        {
            IReadOnlyCollection<string> inner = parameter.TypeName is { } typeName ? [.. expanding, typeName] : expanding;
            children = [.. parameter.Children.Select(c => From(c, inner))];
        }
        return new ParameterDescription(parameter.NativeName, parameter.Id, parameter.Type.ToString(), parameter.TypeName, parameter.Nullable, parameter.Labels, texts, children);
    }
}
