using System.Text.Json;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>The API's server-sent event streams (a task's log followed, the devices live): headers, events, their end.</summary>
internal static class ServerSentEvents
{
    /// <summary>Starts a stream: its headers, and a token that ends it when the client hangs up or the node stops.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The token's source; the caller disposes it.</returns>
    public static CancellationTokenSource Start(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
    }

    /// <summary>Writes one event: <c>event: NAME</c> (none for a plain message) and its value as one <c>data:</c> line of JSON.</summary>
    /// <param name="response">The stream's response.</param>
    /// <param name="name">The event's name, or null for a message.</param>
    /// <param name="value">The data, written with the API's JSON options.</param>
    /// <param name="cancellationToken">The stream's token.</param>
    /// <returns>When written (not flushed).</returns>
    public static Task WriteAsync(HttpResponse response, string? name, object value, CancellationToken cancellationToken) =>
        response.WriteAsync((name is null ? "" : "event: " + name + "\n") + "data: " + JsonSerializer.Serialize(value, ApiJson.Options) + "\n\n", cancellationToken);
}
