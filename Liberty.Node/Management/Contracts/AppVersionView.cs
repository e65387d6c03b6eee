namespace Liberty.Node.Management.Contracts;

/// <summary>One version of an app.</summary>
/// <param name="Version">The version, from 1.</param>
/// <param name="DeployedAt">When it was deployed.</param>
/// <param name="SourceLength">Its source's length in characters.</param>
internal sealed record AppVersionView(int Version, DateTimeOffset DeployedAt, int SourceLength);
