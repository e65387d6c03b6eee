namespace Liberty.Node.Management.Contracts;

/// <summary>A deployed app as the API shows it.</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Version">Its current version, from 1.</param>
/// <param name="Functions">Its public functions (task entry points).</param>
/// <param name="DeployedAt">When the current version was deployed.</param>
/// <param name="HasSignature">Whether an argument schema came with it.</param>
internal sealed record AppView(string Name, int Version, IReadOnlyList<string> Functions, DateTimeOffset DeployedAt, bool HasSignature)
{
    /// <summary>The locales of its description files (<c>.sigdesc.&lt;locale&gt;</c>).</summary>
    public IReadOnlyList<string> Locales { get; init; } = [];

    /// <summary>The app's display name and description by locale.</summary>
    public IReadOnlyDictionary<string, Apps.Schema.SignatureText> Texts { get; init; } = new Dictionary<string, Apps.Schema.SignatureText>();

    /// <summary>The signature's functions and parameters with their labels and descriptions (what a form to start a task needs).</summary>
    public IReadOnlyList<Apps.FunctionDescription> Described { get; init; } = [];
}
