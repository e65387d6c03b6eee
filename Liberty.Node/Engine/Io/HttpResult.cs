namespace Liberty.Node.Engine.Io;

/// <summary>An HTTP response as a task gets it.</summary>
/// <param name="StatusCode">The status code (200, 404, ...).</param>
/// <param name="Body">The body's bytes (at most <see cref="NetworkOptions.MaxHttpResponseBytes"/>).</param>
public sealed record HttpResult(int StatusCode, byte[] Body);
