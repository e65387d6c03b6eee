using System.Text.Json;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary><c>/api/apps</c>: deploy (<c>{name, source, signature, descriptions}</c>), list, versions, remove.</summary>
internal static class AppEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    /// <param name="logger">Where deployments are logged.</param>
    public static void Map(WebApplication app, NodeServices node, ILogger logger)
    {
        app.MapGet("/api/apps", () => Results.Json(node.Tasks.ListApps(), ApiJson.Options));
        app.MapPost("/api/apps", async (HttpRequest request, CancellationToken ct) =>
        {
            using var body = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var deploy = new DeployAppRequest(
                RequestJson.RequiredString(body.RootElement, "name"),
                RequestJson.RequiredString(body.RootElement, "source"),
                RequestJson.OptionalRawJson(body.RootElement, "signature", allowString: true),
                ReadDescriptions(body.RootElement));
            var result = await node.Tasks.DeployAppAsync(deploy.Name, deploy.Source, deploy.Signature, deploy.Descriptions, ct).ConfigureAwait(false);
            if (!result.Ok)
            {
                throw ManagementApi.ToException(result.Kind, result.Error, result.Path ?? (result.Kind == ServiceErrorKind.Invalid ? "$.source" : "$.name"));
            }
            ManagementLog.AppDeployed(logger, result.Value!.Name, result.Value.Version);
            return Results.Json(result.Value, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/api/apps/{name}", (string name) =>
        {
            var found = node.Tasks.ListApps().FirstOrDefault(a => a.Name == name);
            return found is not null ? Results.Json(found, ApiJson.Options) : throw ApiException.NotFound($"no app '{name}' (see app list).", "name");
        });
        app.MapGet("/api/apps/{name}/versions", (string name) =>
        {
            var result = node.Tasks.GetAppVersions(name);
            return result.Ok ? Results.Json(result.Value, ApiJson.Options) : throw ManagementApi.ToException(result.Kind, result.Error, "name");
        });
        app.MapDelete("/api/apps/{name}", async (string name, CancellationToken ct) =>
        {
            var result = await node.Tasks.RemoveAppAsync(name, ct).ConfigureAwait(false);
            return result.Ok ? Results.Json(new AppRemovedView(name), ApiJson.Options) : throw ManagementApi.ToException(result.Kind, result.Error, "name");
        });
    }

    // "descriptions": {"en": {...} or "<json text>", ...}: the .sigdesc.<locale> files, each a JSON object.
    private static Dictionary<string, string>? ReadDescriptions(JsonElement body)
    {
        if (!body.TryGetProperty("descriptions", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'descriptions' must be an object of locale → description file (a JSON object).", "$.descriptions");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var locale in value.EnumerateObject())
        {
            result[locale.Name] = RequestJson.OptionalRawJson(value, locale.Name, allowString: true) ?? "null";
        }
        return result;
    }
}
