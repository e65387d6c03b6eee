using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// A request the API refuses, thrown from deep inside request parsing and turned into a 4xx JSON error by
/// <see cref="ManagementApi"/>'s error middleware. Parsing throws rather than threading results through every helper:
/// the only catcher is that middleware, and nothing else in the node sees these.
/// </summary>
/// <param name="status">The HTTP status (4xx).</param>
/// <param name="error">The error kind.</param>
/// <param name="detail">What was wrong.</param>
/// <param name="path">Where, or null.</param>
internal sealed class ApiException(int status, string error, string detail, string? path = null) : Exception(detail)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The error body.</summary>
    public ApiError Body { get; } = new(error, detail, path);

    /// <summary>For a 405: the methods the path takes (the <c>Allow</c> header); null otherwise.</summary>
    public string? Allow { get; init; }

    /// <summary>A 400 bad_request.</summary>
    /// <param name="detail">What was wrong.</param>
    /// <param name="path">Where.</param>
    /// <returns>The exception to throw.</returns>
    public static ApiException BadRequest(string detail, string? path = null) => new(StatusCodes.Status400BadRequest, "bad_request", detail, path);

    /// <summary>A 404 not_found.</summary>
    /// <param name="detail">What was not found.</param>
    /// <param name="path">Where.</param>
    /// <returns>The exception to throw.</returns>
    public static ApiException NotFound(string detail, string? path = null) => new(StatusCodes.Status404NotFound, "not_found", detail, path);
}
