namespace Liberty.Node.Apps.Schema;

/// <summary>One entry function of an app's signature: its name, its parameters in order, and what its description files say.</summary>
/// <param name="NativeName">The Lua function name.</param>
/// <param name="Parameters">The parameters, in call order.</param>
internal sealed record SignatureFunction(string NativeName, IReadOnlyList<SignatureParameter> Parameters)
{
    /// <summary>Display names and descriptions by locale; empty without description files.</summary>
    public IReadOnlyDictionary<string, SignatureText> Texts { get; init; } = new Dictionary<string, SignatureText>();
}
