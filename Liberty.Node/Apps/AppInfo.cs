namespace Liberty.Node.Apps;

/// <summary>One deployed version of an app, as the management API shows it.</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Version">1 for the first deployment, +1 per redeployment.</param>
/// <param name="DeployedAt">When this version was deployed.</param>
/// <param name="SourceLength">Characters of Lua source.</param>
/// <param name="Signature">The <c>.sig</c> JSON, or null when the app has none.</param>
/// <param name="Functions">The entry functions the signature declares (empty without a signature).</param>
public sealed record AppInfo(string Name, int Version, DateTimeOffset DeployedAt, int SourceLength, string? Signature, IReadOnlyList<string> Functions);
