using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Apps.Schema;

/// <summary>
/// JSON → the plain .NET values handed to Lua: null, bool, long (integral numbers), double, string,
/// <see cref="IReadOnlyList{T}"/> of object? (arrays), <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string → object? (objects).
/// </summary>
internal static class ArgumentValues
{
    /// <summary>Largest magnitude at which every integer is exact in a double (Lua 5.1 apps see doubles).</summary>
    private const double MaxExactInteger = 9007199254740992d;

    /// <summary>Converts any JSON value as given (arguments without a signature).</summary>
    /// <param name="element">The value.</param>
    /// <returns>The plain value.</returns>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => Number(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        _ => element.EnumerateObject().ToDictionary(static p => p.Name, static p => FromJson(p.Value), StringComparer.Ordinal),
    };

    /// <summary>A JSON number as long when its value is integral (within ±2^53), else as double.</summary>
    /// <param name="element">A JSON number.</param>
    /// <returns>The boxed long or double.</returns>
    public static object Number(JsonElement element)
    {
        if (element.TryGetInt64(out var whole))
        {
            return whole;
        }
        return Normalize(element.GetDouble());
    }

    /// <summary>An integral double within ±2^53 becomes a long (Lua integer); anything else stays a double.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boxed long or double.</returns>
    public static object Normalize(double value) =>
        Math.Abs(value) <= MaxExactInteger && value == Math.Floor(value) ? (object)(long)value : value;

    /// <summary>Parses number text (invariant culture) into a long or a double.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The boxed long or double.</param>
    /// <returns>Whether the text is a finite number.</returns>
    public static bool TryParseNumber(string text, out object value)
    {
        value = 0L;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }
        value = Normalize(number);
        return true;
    }

    /// <summary>Tries to read a whole number, accepting an integral float (<c>5.0</c>).</summary>
    /// <param name="element">A JSON value.</param>
    /// <param name="value">The integer.</param>
    /// <returns>Whether the value is an integral number.</returns>
    public static bool TryGetWhole(JsonElement element, out long value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }
        if (element.TryGetInt64(out value))
        {
            return true;
        }
        var number = element.GetDouble();
        if (Math.Abs(number) <= MaxExactInteger && number == Math.Floor(number))
        {
            value = (long)number;
            return true;
        }
        return false;
    }

    /// <summary>Names a JSON value's kind for messages: "a string", "an array"...</summary>
    /// <param name="element">The value.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
