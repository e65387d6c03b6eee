namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>DELETE /api/apps/{name}</c>.</summary>
/// <param name="Removed">The name of the app removed.</param>
internal sealed record AppRemovedView(string Removed);
