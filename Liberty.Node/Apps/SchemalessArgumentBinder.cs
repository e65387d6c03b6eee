using System.Text.Json;

namespace Liberty.Node.Apps;

/// <summary>
/// Arguments as given (docs/app-api.md section 1, "without a schema"): a JSON array = positional arguments,
/// a JSON object = one table argument, null or blank = none. JSON numbers that are integers become Lua
/// integers, others floats. A signature is only checked for its shape (an object with a <c>Functions</c>
/// array of objects with a <c>NativeName</c>) and its declared functions.
/// </summary>
/// <remarks><b>Thread:</b> any (stateless).</remarks>
internal sealed class SchemalessArgumentBinder : ITaskArgumentBinder
{
    /// <summary>The instance.</summary>
    public static SchemalessArgumentBinder Instance { get; } = new();

    /// <inheritdoc />
    public string? CheckSignature(string signatureJson)
    {
        ArgumentNullException.ThrowIfNull(signatureJson);
        try
        {
            using var document = JsonDocument.Parse(signatureJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Functions", out var functions)
                || functions.ValueKind != JsonValueKind.Array)
            {
                return "signature: must be an object with a \"Functions\" array";
            }
            var i = 0;
            foreach (var function in functions.EnumerateArray())
            {
                if (function.ValueKind != JsonValueKind.Object
                    || !function.TryGetProperty("NativeName", out var name)
                    || name.ValueKind != JsonValueKind.String
                    || string.IsNullOrEmpty(name.GetString()))
                {
                    return $"signature: Functions[{i}].NativeName: must be a non-empty string";
                }
                i++;
            }
            return null;
        }
        catch (JsonException e)
        {
            return $"signature: not valid JSON: {e.Message}";
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FunctionsOf(string signatureJson)
    {
        ArgumentNullException.ThrowIfNull(signatureJson);
        if (CheckSignature(signatureJson) is not null)
        {
            return [];
        }
        using var document = JsonDocument.Parse(signatureJson);
        return [.. document.RootElement.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("NativeName").GetString()!)];
    }

    /// <inheritdoc />
    public ValueTask<TaskArguments> BindAsync(string? signatureJson, string function, string? argumentsJson, long taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (signatureJson is not null && FunctionsOf(signatureJson) is { Count: > 0 } declared && !declared.Contains(function, StringComparer.Ordinal))
        {
            return ValueTask.FromResult(TaskArguments.Failed($"function '{function}' is not in the app's signature (it has: {string.Join(", ", declared)})"));
        }
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return ValueTask.FromResult(new TaskArguments(null, [], null));
        }
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            var root = document.RootElement;
            return ValueTask.FromResult(root.ValueKind switch
            {
                JsonValueKind.Array => new TaskArguments(null, [.. root.EnumerateArray().Select(ToValue)], null),
                JsonValueKind.Object => new TaskArguments(null, [ToValue(root)], null),
                JsonValueKind.Null => new TaskArguments(null, [], null),
                _ => TaskArguments.Failed($"arguments: must be a JSON array (positional) or object (one table), not {root.ValueKind.ToString().ToLowerInvariant()}"),
            });
        }
        catch (JsonException e)
        {
            return ValueTask.FromResult(TaskArguments.Failed($"arguments: not valid JSON: {e.Message}"));
        }
    }

    /// <summary>A JSON value as a plain .NET value for Lua.</summary>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => (IReadOnlyList<object?>)[.. element.EnumerateArray().Select(ToValue)],
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
