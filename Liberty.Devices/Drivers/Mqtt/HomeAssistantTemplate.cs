using System.Text.Json;
using System.Text.RegularExpressions;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The part of Home Assistant's value templates that discovery configs use to pick a value out of a payload:
/// <c>{{ value }}</c>, <c>{{ value_json.a.b }}</c>, <c>{{ value_json['a'] }}</c> and <c>{{ value_json["a"] }}</c>, with
/// any filters after <c>|</c> ignored. Anything else is not supported and says so.
/// </summary>
internal static partial class HomeAssistantTemplate
{
    /// <summary>Whether Liberty can apply the template (null or empty means the payload itself).</summary>
    public static bool IsSupported(string? template) => string.IsNullOrWhiteSpace(template) || Path(template) is not null;

    /// <summary>Applies the template to a payload.</summary>
    /// <returns>The selected value as text (JSON strings unquoted); null with <paramref name="error"/> when it cannot be applied.</returns>
    public static string? Apply(string? template, string payload, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(template))
        {
            return payload.Trim();
        }
        var path = Path(template);
        if (path is null)
        {
            error = $"template '{template}' is not supported";
            return null;
        }
        if (path.Count == 0)
        {
            return payload.Trim();
        }
        if (!MqttJson.TryParse(payload, JsonValueKind.Object, out var current, out var parseError))
        {
            error = parseError;
            return null;
        }
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                error = $"no '{string.Join(".", path)}' in the payload";
                return null;
            }
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString() : current.GetRawText();
    }

    // [] for {{ value }}, the property path for value_json, null when not supported.
    private static List<string>? Path(string template)
    {
        var match = Expression().Match(template);
        if (!match.Success)
        {
            return null;
        }
        var expression = match.Groups[1].Value.Trim();
        if (expression == "value")
        {
            return [];
        }
        if (!expression.StartsWith("value_json", StringComparison.Ordinal))
        {
            return null;
        }
        var path = new List<string>();
        foreach (Match part in Part().Matches(expression["value_json".Length..]))
        {
            path.Add(part.Groups[1].Success ? part.Groups[1].Value : part.Groups[2].Value);
        }
        var consumed = string.Concat(Part().Matches(expression["value_json".Length..]).Select(static m => m.Value));
        return path.Count > 0 && consumed == expression["value_json".Length..] ? path : null;
    }

    [GeneratedRegex(@"^\s*\{\{\s*([^|}]+?)\s*(\|[^}]*)?\}\}\s*$")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['""]([^'""]+)['""]\s*\]")]
    private static partial Regex Part();
}
