using Liberty.Node.Apps.Schema;

namespace Liberty.Node.Apps;

/// <summary>An entry function as its signature and description files describe it (for people: the API and the console).</summary>
/// <param name="Name">The Lua name.</param>
/// <param name="Texts">Display name and description by locale.</param>
/// <param name="Parameters">The parameters in call order.</param>
public sealed record FunctionDescription(string Name, IReadOnlyDictionary<string, SignatureText> Texts, IReadOnlyList<ParameterDescription> Parameters)
{
    internal static IReadOnlyList<FunctionDescription> From(AppSignature signature) =>
        [.. signature.Functions.Select(static f => new FunctionDescription(f.NativeName, f.Texts, [.. f.Parameters.Select(p => ParameterDescription.From(p, []))]))];
}
