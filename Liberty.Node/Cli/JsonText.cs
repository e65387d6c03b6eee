using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Cli;

/// <summary>Reads fields of the node's JSON answers as text for tables.</summary>
internal static class JsonText
{
    /// <summary>A property as display text: strings bare, null/missing as "-", numbers and booleans invariant, the rest as JSON.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The text.</returns>
    public static string Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Show(value) : "-";

    /// <summary>A value as display text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    /// <summary>An array property's items, or none.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The items.</returns>
    public static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>A timestamp property shown as local-free UTC <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property.</param>
    /// <returns>The text, or "-".</returns>
    public static string Time(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";
}
