using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Management;

/// <summary>Reads request bodies and parameters, throwing <see cref="ApiException"/> that names the JSON path or parameter.</summary>
internal static class RequestJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads the body as one JSON object.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    /// <returns>The parsed document (dispose it); its root is an object.</returns>
    /// <exception cref="ApiException">Empty, not JSON, not an object, or too large (Kestrel's limit: 413).</exception>
    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"the body must be JSON (Content-Type application/json), not '{type}'.");
        }
        if (request.ContentType is { } withCharset && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(withCharset, out var media)
            && media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"the body must be UTF-8 JSON, not charset '{media.Charset}'.");
        }
        // The whole body first (Kestrel bounds its size): the JSON reader does not check the UTF-8 inside strings, and a
        // string that is not UTF-8 would fail only later, when it is read.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (FirstInvalidUtf8(bytes.Span) is { } invalid)
        {
            throw ApiException.BadRequest($"the body is not valid UTF-8 at byte {invalid + 1}.", "$");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "the body";
            var detail = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw ApiException.BadRequest($"the body is not valid JSON at {where}: {detail}", e.Path ?? "$");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw ApiException.BadRequest($"the body must be a JSON object, not {Describe(kind)}.", "$");
        }
        return document;
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null when all of it is.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The offset, or null.</returns>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return null;
    }

    /// <summary>A required string property.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>Its value, non-empty.</returns>
    /// <exception cref="ApiException">Missing, empty or not a string.</exception>
    public static string RequiredString(JsonElement obj, string name) =>
        OptionalString(obj, name) is { Length: > 0 } value ? value : throw ApiException.BadRequest($"'{name}' is required: a non-empty string.", "$." + name);

    /// <summary>An optional string property.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>Its value, or null when missing or null.</returns>
    /// <exception cref="ApiException">Present but not a string.</exception>
    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw ApiException.BadRequest($"'{name}' must be a string, not {Describe(value.ValueKind)}.", "$." + name);
    }

    /// <summary>An optional property holding JSON of a given shape, returned as raw JSON text.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property.</param>
    /// <param name="allowString">Whether a string is accepted (its content is then the JSON text, checked to parse).</param>
    /// <returns>The raw JSON, or null when missing or null.</returns>
    /// <exception cref="ApiException">Not an object/array (or string when allowed), or a string that is not JSON.</exception>
    public static string? OptionalRawJson(JsonElement obj, string name, bool allowString)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                return value.GetRawText();
            case JsonValueKind.String when allowString:
                var text = value.GetString()!;
                JsonValueKind inner;
                try
                {
                    using var parsed = JsonDocument.Parse(text, DocumentOptions);
                    inner = parsed.RootElement.ValueKind;
                }
                catch (JsonException e)
                {
                    throw ApiException.BadRequest($"'{name}' holds text that is not JSON: {e.Message.Split(" Path:", 2)[0]}", "$." + name);
                }
                if (inner is not (JsonValueKind.Object or JsonValueKind.Array))
                {
                    throw ApiException.BadRequest($"'{name}' must be a JSON object or array (or a string holding one), not a string holding {Describe(inner)}.", "$." + name);
                }
                return text;
            default:
                throw ApiException.BadRequest($"'{name}' must be a JSON object or array{(allowString ? " (or a string holding one)" : "")}, not {Describe(value.ValueKind)}.", "$." + name);
        }
    }

    /// <summary>An optional number property.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The number, or null when missing or null.</returns>
    /// <exception cref="ApiException">Not a number.</exception>
    public static double? OptionalNumber(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw ApiException.BadRequest($"'{name}' must be a number, not {Describe(value.ValueKind)}.", "$." + name);
    }

    /// <summary>An integer in a range, from a JSON number or a string (decimal or 0x hex).</summary>
    /// <param name="value">The element.</param>
    /// <param name="path">Its JSON path, for messages.</param>
    /// <param name="min">Smallest accepted.</param>
    /// <param name="max">Largest accepted.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ApiException">Not such an integer.</exception>
    public static int Integer(JsonElement value, string path, int min, int max)
    {
        long number;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String => TryParseInteger(value.GetString()!, out number),
            _ => (number = 0) != 0,
        };
        return ok && number >= min && number <= max
            ? (int)number
            : throw ApiException.BadRequest($"{path} must be an integer in {min}..{max} (decimal or 0x hex), not {(value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? value.GetRawText() : Describe(value.ValueKind))}.", path);
    }

    /// <summary>A route parameter that must be a positive id.</summary>
    /// <param name="text">The text.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ApiException">Not a positive integer.</exception>
    public static long Id(string? text, string name) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw ApiException.BadRequest($"'{text}' is not a {name} id (a positive integer).", name);

    /// <summary>An optional integer query parameter in a range.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The parameter.</param>
    /// <param name="fallback">The value when absent.</param>
    /// <param name="min">Smallest accepted.</param>
    /// <param name="max">Largest accepted.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ApiException">Present but not such an integer.</exception>
    public static int QueryInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }
        return values.Count == 1 && int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest($"query parameter '{name}' must be one integer in {min}..{max}, not '{values}'.", name);
    }

    /// <summary>An optional boolean query parameter (true/false/1/0, or present without a value for true).</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The parameter.</param>
    /// <returns>The value; false when absent.</returns>
    /// <exception cref="ApiException">Present but not a boolean.</exception>
    public static bool QueryBool(HttpRequest request, string name)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return false;
        }
        return values.Count == 1 && values[0] is var text
            ? text switch
            {
                "" or "1" or "true" or "True" => true,
                "0" or "false" or "False" => false,
                _ => throw ApiException.BadRequest($"query parameter '{name}' must be true or false, not '{text}'.", name),
            }
            : throw ApiException.BadRequest($"query parameter '{name}' must be given once.", name);
    }

    /// <summary>Describes a JSON value kind for messages.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>"a string", "an array" ...</returns>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool TryParseInteger(string text, out long number) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
}
