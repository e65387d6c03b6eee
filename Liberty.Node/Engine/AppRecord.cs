namespace Liberty.Node.Engine;

/// <summary>One deployed version of an app.</summary>
/// <param name="Name">The app's name (unique on the node).</param>
/// <param name="Version">1 for the first deployment, then +1 per redeployment.</param>
/// <param name="Source">The Lua source.</param>
/// <param name="Signature">The <c>.sig</c> argument schema (JSON), or null when the app has none.</param>
/// <param name="DeployedAt">When this version was deployed.</param>
/// <param name="Descriptions">The signature's description files (<c>.sigdesc.&lt;locale&gt;</c> JSON) by locale, or null for none.</param>
public sealed record AppRecord(string Name, int Version, string Source, string? Signature, DateTimeOffset DeployedAt, IReadOnlyDictionary<string, string>? Descriptions = null);
