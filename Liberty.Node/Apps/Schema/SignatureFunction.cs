namespace Liberty.Node.Apps.Schema;

/// <summary>One entry function of an app's signature: its name and its parameters in order.</summary>
/// <param name="NativeName">The Lua function name.</param>
/// <param name="Parameters">The parameters, in call order.</param>
internal sealed record SignatureFunction(string NativeName, IReadOnlyList<SignatureParameter> Parameters);
