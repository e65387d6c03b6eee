using System.Globalization;
using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Node.Cli;

/// <summary>
/// The values of the API's records as text for tables and lines: strings bare, null as "-", numbers and booleans as the
/// node's JSON writes them (invariant), times as UTC <c>yyyy-MM-dd HH:mm:ss</c>.
/// </summary>
internal static class CellText
{
    /// <summary>A string, or "-" for null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(string? value) => value ?? "-";

    /// <summary>A whole number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A real number, with the shortest digits that read back the same (as the node's JSON has it).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boolean: <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(bool value) => value ? "true" : "false";

    /// <summary>A JSON value: a string bare, null as "-", the rest as its JSON.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The text.</returns>
    public static string Of(JsonElement? value) => value is not { } element ? "-" : element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => element.GetRawText(),
    };

    /// <summary>An attribute's value as the device reports it: a string bare, null as "-", the rest as its JSON.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(AttributeValue value) => value.Kind switch
    {
        AttributeValueKind.Null => "-",
        AttributeValueKind.Text when value.TryGetString(out var text) => text,
        _ => value.ToString(),
    };

    /// <summary>A time as UTC <c>yyyy-MM-dd HH:mm:ss</c>, or "-".</summary>
    /// <param name="time">The time, or null.</param>
    /// <returns>The text.</returns>
    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";
}
