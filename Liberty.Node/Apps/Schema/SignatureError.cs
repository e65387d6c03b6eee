namespace Liberty.Node.Apps.Schema;

/// <summary>Why a signature or one of its description files was refused.</summary>
/// <param name="Path">
/// A JSON path into what was deployed: <c>$.signature.Functions[0].Parameters[1].Attributes[0].Value</c> for the
/// <c>.sig</c>, <c>$.descriptions.en.List[2].Enum</c> for a description file.
/// </param>
/// <param name="Message">What is wrong and where, for people (<c>signature: Functions[0]...: ...</c>).</param>
internal sealed record SignatureError(string Path, string Message);
