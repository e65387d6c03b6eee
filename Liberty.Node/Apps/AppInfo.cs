using Liberty.Node.Apps.Schema;

namespace Liberty.Node.Apps;

/// <summary>One deployed version of an app, as the management API shows it.</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Version">1 for the first deployment, +1 per redeployment.</param>
/// <param name="DeployedAt">When this version was deployed.</param>
/// <param name="SourceLength">Characters of Lua source.</param>
/// <param name="Signature">The <c>.sig</c> JSON, or null when the app has none.</param>
/// <param name="Functions">Its entry functions: those the signature describes, else those the app defines.</param>
public sealed record AppInfo(string Name, int Version, DateTimeOffset DeployedAt, int SourceLength, string? Signature, IReadOnlyList<string> Functions)
{
    /// <summary>The locales of its description files (<c>.sigdesc.&lt;locale&gt;</c>), sorted; empty without.</summary>
    public IReadOnlyList<string> Locales { get; init; } = [];

    /// <summary>The app's own display name and description by locale; empty without description files.</summary>
    public IReadOnlyDictionary<string, SignatureText> Texts { get; init; } = new Dictionary<string, SignatureText>();

    /// <summary>The signature's functions with their parameters, labels and descriptions; empty without a signature.</summary>
    public IReadOnlyList<FunctionDescription> Described { get; init; } = [];
}
