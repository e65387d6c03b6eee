namespace Liberty.Node.Management;

/// <summary>A deployed app as the API shows it.</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Version">Its current version, from 1.</param>
/// <param name="Functions">Its public functions (task entry points).</param>
/// <param name="DeployedAt">When the current version was deployed.</param>
/// <param name="HasSignature">Whether an argument schema came with it.</param>
internal sealed record AppView(string Name, int Version, IReadOnlyList<string> Functions, DateTimeOffset DeployedAt, bool HasSignature);
