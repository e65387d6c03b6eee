using System.Security.Cryptography;
using System.Text;
using Liberty.Node.Management.Contracts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing.Template;

namespace Liberty.Node.Management;

/// <summary>
/// The management HTTP API: bearer-token auth on everything but <c>GET /health</c>, JSON in and out, and an error
/// middleware that turns every refusal into a 4xx <see cref="ApiError"/> and every bug into a logged 500 with no
/// stack trace. Endpoints are listed in docs/operating.md.
/// </summary>
internal static class ManagementApi
{
    /// <summary>Registers the API's services (JSON options: <see cref="ApiJson"/>'s).</summary>
    /// <param name="services">The services.</param>
    public static void AddServices(IServiceCollection services) =>
        services.Configure<JsonOptions>(static o => ApiJson.Apply(o.SerializerOptions));

    /// <summary>Adds the middleware and maps every endpoint.</summary>
    /// <param name="app">The web application.</param>
    /// <param name="node">The node's services.</param>
    /// <param name="token">The admin token every request but /health must carry.</param>
    public static void Map(WebApplication app, NodeServices node, string token)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Liberty.Node.Management");
        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        app.Use((context, next) => HandleErrors(context, next, logger));
        app.Use((context, next) => Authenticate(context, next, expected, logger));
        // Degraded (still 200: the node serves) while a slice runs on a thread of its own: a task stuck in code that does
        // not yield. Which one and since when, so an operator can `task delete --force` it.
        app.MapGet("/health", () =>
        {
            var stuck = node.StuckSlices();
            return Results.Json(new HealthView(stuck.Count == 0 ? "ok" : "degraded", node.Name, stuck), ApiJson.Options);
        });
        NodeEndpoints.Map(app, node);
        ClusterEndpoints.Map(app, node);
        DeviceEndpoints.Map(app, node, logger);
        AppEndpoints.Map(app, node, logger);
        TaskEndpoints.Map(app, node);
        DeviceEventsEndpoint.Map(app, node);
        app.MapGet("/api/choices", () => Results.Json(node.Tasks.GetChoices(), ApiJson.Options));
        ConsoleEndpoints.Map(app);
        var methods = new Lazy<IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>>(() => KnownRoutes(app));
        app.MapFallback(context =>
        {
            // A known path asked with another method: 405 naming the methods it takes (and an Allow header), not 404.
            var allowed = AllowedMethods(methods.Value, context.Request.Path);
            if (allowed.Count > 0)
            {
                throw new ApiException(StatusCodes.Status405MethodNotAllowed, "method_not_allowed",
                    $"{context.Request.Method} is not allowed on {context.Request.Path}; it takes {string.Join(", ", allowed)}.", "method")
                {
                    Allow = string.Join(", ", allowed),
                };
            }
            throw ApiException.NotFound($"no endpoint {context.Request.Method} {context.Request.Path}; see docs/operating.md for the API.", "path");
        });
    }

    private static List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> KnownRoutes(IEndpointRouteBuilder app) =>
        [.. app.DataSources.SelectMany(static d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(static e => (Endpoint: e, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(static e => e.Methods is { Count: > 0 } && e.Endpoint.RoutePattern.RawText is not null)
            .GroupBy(static e => e.Endpoint.RoutePattern.RawText!, StringComparer.OrdinalIgnoreCase)
            .Select(static g => (new TemplateMatcher(TemplateParser.Parse(g.Key), []), (IReadOnlyList<string>)[.. g.SelectMany(static e => e.Methods!).Distinct(StringComparer.Ordinal)]))];

    private static List<string> AllowedMethods(IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> routes, PathString path)
    {
        var allowed = new List<string>();
        foreach (var (matcher, methods) in routes)
        {
            if (matcher.TryMatch(path, []))
            {
                allowed.AddRange(methods.Where(m => !allowed.Contains(m, StringComparer.Ordinal)));
            }
        }
        return allowed;
    }

    /// <summary>Writes an error answer.</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The status.</param>
    /// <param name="error">The body.</param>
    /// <param name="allow">For a 405: the <c>Allow</c> header; null for none.</param>
    /// <returns>When written.</returns>
    public static Task WriteErrorAsync(HttpContext context, int status, ApiError error, string? allow = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (allow is not null)
        {
            context.Response.Headers.Allow = allow;
        }
        return context.Response.WriteAsJsonAsync(error, ApiJson.Options, context.RequestAborted);
    }

    /// <summary>The answer of a failed task-service call.</summary>
    /// <param name="kind">The failure's kind.</param>
    /// <param name="error">Its message.</param>
    /// <param name="path">Where in the request, if known.</param>
    /// <returns>The exception to throw.</returns>
    public static ApiException ToException(ServiceErrorKind kind, string? error, string? path = null) => kind switch
    {
        ServiceErrorKind.NotFound => ApiException.NotFound(error ?? "not found", path),
        ServiceErrorKind.Conflict => new ApiException(StatusCodes.Status409Conflict, "conflict", error ?? "conflict", path),
        ServiceErrorKind.Unavailable => new ApiException(StatusCodes.Status503ServiceUnavailable, "unavailable", error ?? "unavailable", path),
        _ => ApiException.BadRequest(error ?? "invalid request", path),
    };

    private static async Task HandleErrors(HttpContext context, Func<Task> next, ILogger logger)
    {
        try
        {
            await next().ConfigureAwait(false);
            var response = context.Response;
            // Routing's own refusals (405) come with an empty body: give them the JSON error every 4xx carries.
            if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && response.ContentType is null)
            {
                await WriteErrorAsync(context, response.StatusCode, new ApiError(response.StatusCode == 405 ? "method_not_allowed" : "error",
                    $"{context.Request.Method} is not allowed on {context.Request.Path}.", "method")).ConfigureAwait(false);
            }
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.Status, e.Body, e.Allow).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var tooLarge = e.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await WriteErrorAsync(context, e.StatusCode, new ApiError(tooLarge ? "too_large" : "bad_request", e.Message, tooLarge ? "$" : null)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception e) when (e is not (ApiException or BadHttpRequestException))
        {
            var path = context.Request.Path.Value ?? "";
            ManagementLog.Unexpected(logger, context.Request.Method, path, e);
            if (!context.Response.HasStarted)
            {
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError,
                    new ApiError("internal", "the node failed to handle this request; the node log (log peek) has the details.")).ConfigureAwait(false);
            }
        }
    }

    private static Task Authenticate(HttpContext context, Func<Task> next, byte[] expected, ILogger logger)
    {
        if ((context.Request.Path.Equals("/health", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method)) || ConsoleEndpoints.IsAsset(context.Request))
        {
            return next();
        }
        var header = context.Request.Headers.Authorization;
        if (header.Count == 1 && header[0] is { } value && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), expected))
        {
            return next();
        }
        var path = context.Request.Path.Value ?? "";
        ManagementLog.Unauthorized(logger, context.Request.Method, path);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, new ApiError("unauthorized",
            header.Count == 0 ? "this endpoint needs 'Authorization: Bearer <token>'; the token is in the node's data folder (admin.token)." : "the bearer token is not this node's admin token.",
            "Authorization"));
    }
}
