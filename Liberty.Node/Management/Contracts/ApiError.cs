namespace Liberty.Node.Management.Contracts;

/// <summary>The body of every API error: what kind, what exactly, and where in the request (a JSON path, a parameter).</summary>
/// <param name="Error">A short machine-readable kind: bad_request, unauthorized, not_found, conflict, too_large ...</param>
/// <param name="Detail">A sentence for people saying what was wrong.</param>
/// <param name="Path">Where: a JSON path (<c>$.arguments</c>), a query or route parameter (<c>id</c>), or null.</param>
internal sealed record ApiError(string Error, string Detail, string? Path = null);
