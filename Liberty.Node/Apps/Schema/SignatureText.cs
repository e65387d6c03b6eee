namespace Liberty.Node.Apps.Schema;

/// <summary>What a description file (<c>&lt;App&gt;.sigdesc.&lt;locale&gt;</c>) says about a function or parameter in one locale.</summary>
/// <param name="Name">The display name, or null.</param>
/// <param name="Description">The description, or null.</param>
/// <param name="Labels">Enumeration labels in this locale, or null.</param>
public sealed record SignatureText(string? Name, string? Description, IReadOnlyList<string>? Labels);
