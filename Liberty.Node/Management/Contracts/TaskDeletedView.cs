namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>DELETE /api/tasks/{id}</c>.</summary>
/// <param name="Deleted">The id of the task deleted.</param>
internal sealed record TaskDeletedView(long Deleted);
