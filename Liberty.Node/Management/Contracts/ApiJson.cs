using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liberty.Node.Management.Contracts;

/// <summary>
/// The JSON of the management API, for the server and its clients alike: web defaults (camelCase names, numbers read
/// from strings too), enums as strings, and plain UTF-8 (<c>it's</c>, <c>°C</c>, not <c>\u0027</c>): the answers are
/// JSON documents for programs, never inlined into HTML.
/// </summary>
internal static class ApiJson
{
    /// <summary>The options every answer is written with and every client reads and writes with (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the API's settings to options that already have the web defaults (ASP.NET Core's own).</summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same options.</returns>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.WriteIndented = false;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
