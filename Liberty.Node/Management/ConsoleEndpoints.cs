using System.IO.Compression;
using System.Security.Cryptography;

namespace Liberty.Node.Management;

/// <summary>
/// The web console: the static page at <c>/</c> and its script and style under <c>/console/</c>, held in the binary
/// (embedded from <c>Management/Console/</c>), so a node serves them with nothing else installed. They carry no data
/// and are served without the token; everything they show comes from the API, which needs it. Each asset is
/// gzip-compressed once at start and sent compressed to browsers that accept it, with an ETag for revalidation and a
/// content security policy that allows nothing but this node.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>The resource-name prefix of the assets.</summary>
    private const string Prefix = "console/";

    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<IReadOnlyDictionary<string, ConsoleAsset>> Assets = new(Load);

    /// <summary>The assets by path (<c>/</c>, <c>/console/console.js</c> ...).</summary>
    public static IReadOnlyDictionary<string, ConsoleAsset> All => Assets.Value;

    /// <summary>Whether a request is for an asset (served without the token).</summary>
    /// <param name="request">The request.</param>
    /// <returns>True for a GET or HEAD of an asset's path.</returns>
    public static bool IsAsset(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && All.ContainsKey(request.Path.Value ?? "");

    /// <summary>Maps the assets.</summary>
    /// <param name="app">The application.</param>
    public static void Map(WebApplication app)
    {
        foreach (var (path, asset) in All)
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Serve(context, asset));
        }
    }

    private static Task Serve(HttpContext context, ConsoleAsset asset)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ContentType = asset.ContentType;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        var gzip = context.Request.Headers.AcceptEncoding.Any(static v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        var body = gzip ? asset.Gzip : asset.Content;
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Dictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleEndpoints).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(static n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[Prefix.Length..];
            var path = file == "index.html" ? "/" : "/console/" + file;
            assets[path] = new ConsoleAsset(ContentTypeOf(file), content, Compress(content), "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
        }
        return assets;
    }

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
