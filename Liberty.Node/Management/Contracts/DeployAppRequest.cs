namespace Liberty.Node.Management.Contracts;

/// <summary>The body of <c>POST /api/apps</c>: an app to deploy (a new version when it exists).</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Source">Its Lua source.</param>
/// <param name="Signature">Its argument schema (the <c>.sig</c> JSON) as text, or null. On the wire a string holding the JSON, or the JSON object itself.</param>
/// <param name="Descriptions">Its description files (<c>.sigdesc.&lt;locale&gt;</c>) as text by locale, or null. On the wire each a string holding the JSON object, or the object itself.</param>
internal sealed record DeployAppRequest(string Name, string Source, string? Signature, IReadOnlyDictionary<string, string>? Descriptions);
