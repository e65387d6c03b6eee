using System.Globalization;
using System.Text.Json;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>Small readers for the JSON the sources publish: tolerant of types (numbers as text and back), strict about shape.</summary>
internal static class MqttJson
{
    /// <summary>Parses a payload that must be a JSON object.</summary>
    /// <returns>True with the object; false with why not.</returns>
    public static bool TryParseObject(string payload, out JsonElement root, out string error) => TryParse(payload, JsonValueKind.Object, out root, out error);

    /// <summary>Parses a payload that must be a JSON value of <paramref name="kind"/>.</summary>
    public static bool TryParse(string payload, JsonValueKind kind, out JsonElement root, out string error)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != kind)
            {
                error = $"expected a JSON {kind.ToString().ToLowerInvariant()}, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }
            root = document.RootElement.Clone();
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            error = "not JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>The first of <paramref name="names"/> present on the object as text (numbers and booleans as their JSON text); null when none is.</summary>
    public static string? Text(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => null,
                };
            }
        }
        return null;
    }

    /// <summary>The first of <paramref name="names"/> present as a number (or numeric text).</summary>
    public static double? Number(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value))
            {
                if (value.ValueKind == JsonValueKind.Number)
                {
                    return value.GetDouble();
                }
                if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                return null;
            }
        }
        return null;
    }

    /// <summary>The first of <paramref name="names"/> present as an element.</summary>
    public static JsonElement? Element(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>A number as invariant text.</summary>
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>An online/offline payload: <c>online</c>, <c>offline</c> or <c>{"state":"online"}</c> (Zigbee2MQTT's two forms).</summary>
    /// <returns>True/false for online/offline; null when the payload is neither.</returns>
    public static bool? OnlineState(string payload, string online = "online", string offline = "offline")
    {
        var text = payload.Trim();
        if (text.StartsWith('{') && TryParseObject(text, out var root, out _))
        {
            text = Text(root, "state") ?? "";
        }
        return string.Equals(text, online, StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(text, offline, StringComparison.OrdinalIgnoreCase) ? false
            : null;
    }
}
