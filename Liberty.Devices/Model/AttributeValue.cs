using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Liberty.Devices.Model;

/// <summary>
/// One ZCL value: null, boolean, integer, double or string. Used for attribute values and command arguments.
/// </summary>
/// <remarks>
/// <para>The kinds map one to one onto Lua (nil, boolean, integer, float, string), so the Lua layer pushes
/// <see cref="AttributeValueKind.WholeNumber"/> as a Lua integer (apps format it with <c>%d</c>) and
/// <see cref="AttributeValueKind.RealNumber"/> as a float.</para>
/// <para>In JSON a value is the bare primitive (<c>true</c>, <c>42</c>, <c>1.5</c>, <c>"text"</c>, <c>null</c>); a
/// double is always written with a fraction or exponent (<c>2.0</c>), so the kind survives a round trip. Doubles must
/// be finite: NaN and infinities have no JSON form and no ZCL meaning.</para>
/// </remarks>
[JsonConverter(typeof(AttributeValueJsonConverter))]
public readonly record struct AttributeValue
{
    private readonly long _integer;
    private readonly double _double;
    private readonly string? _string;

    private AttributeValue(AttributeValueKind kind, long integer, double @double, string? @string)
    {
        Kind = kind;
        _integer = integer;
        _double = @double;
        _string = @string;
    }

    /// <summary>The null value (also <c>default</c>).</summary>
    public static AttributeValue Null => default;

    /// <summary>What the value holds.</summary>
    public AttributeValueKind Kind { get; }

    /// <summary>True when <see cref="Kind"/> is <see cref="AttributeValueKind.Null"/>.</summary>
    public bool IsNull => Kind == AttributeValueKind.Null;

    /// <summary>True when the value is an integer or a double.</summary>
    public bool IsNumber => Kind is AttributeValueKind.WholeNumber or AttributeValueKind.RealNumber;

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromBoolean(bool value) => new(AttributeValueKind.Boolean, value ? 1 : 0, 0, null);

    /// <summary>Creates an integer value.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromInt64(long value) => new(AttributeValueKind.WholeNumber, value, 0, null);

    /// <summary>Creates a double value.</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static AttributeValue FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Attribute values must be finite.");
        }
        return new(AttributeValueKind.RealNumber, 0, value, null);
    }

    /// <summary>Creates a string value; null gives <see cref="Null"/>.</summary>
    /// <param name="value">The string.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromString(string? value) => value is null ? default : new(AttributeValueKind.Text, 0, 0, value);

    /// <summary>Converts a boolean (same as <see cref="FromBoolean"/>).</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator AttributeValue(bool value) => FromBoolean(value);

    /// <summary>Converts an integer (same as <see cref="FromInt64"/>).</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator AttributeValue(long value) => FromInt64(value);

    /// <summary>Converts a double (same as <see cref="FromDouble"/>).</summary>
    /// <param name="value">A finite double.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static implicit operator AttributeValue(double value) => FromDouble(value);

    /// <summary>Converts a string (same as <see cref="FromString"/>).</summary>
    /// <param name="value">The string.</param>
    public static implicit operator AttributeValue(string? value) => FromString(value);

    /// <summary>Reads the value as a boolean: a boolean, or a number (non-zero is true), as Lua apps pass either.</summary>
    /// <param name="value">The boolean when the method returns true.</param>
    /// <returns>False for null and strings.</returns>
    public bool TryGetBoolean(out bool value)
    {
        switch (Kind)
        {
            case AttributeValueKind.Boolean:
            case AttributeValueKind.WholeNumber:
                value = _integer != 0;
                return true;
            case AttributeValueKind.RealNumber:
                value = _double != 0;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Reads the value as an integer: an integer, or a double with an integral value (Lua passes <c>10 / 2</c> as 5.0).</summary>
    /// <param name="value">The integer when the method returns true.</param>
    /// <returns>False for null, booleans, strings and fractional or out-of-range doubles.</returns>
    public bool TryGetInt64(out long value)
    {
        switch (Kind)
        {
            case AttributeValueKind.WholeNumber:
                value = _integer;
                return true;
            case AttributeValueKind.RealNumber when Math.Floor(_double) == _double && Math.Abs(_double) < 9.2e18:
                value = (long)_double;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Reads the value as a double: an integer or a double.</summary>
    /// <param name="value">The number when the method returns true.</param>
    /// <returns>False for null, booleans and strings.</returns>
    public bool TryGetDouble(out double value)
    {
        switch (Kind)
        {
            case AttributeValueKind.WholeNumber:
                value = _integer;
                return true;
            case AttributeValueKind.RealNumber:
                value = _double;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Reads the value as a string.</summary>
    /// <param name="value">The string when the method returns true.</param>
    /// <returns>False unless <see cref="Kind"/> is <see cref="AttributeValueKind.Text"/>.</returns>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = _string;
        return Kind == AttributeValueKind.Text;
    }

    /// <summary>Formats the value for people and logs: <c>null</c>, <c>true</c>, <c>42</c>, <c>1.5</c>, <c>"text"</c>.</summary>
    /// <returns>The formatted value.</returns>
    public override string ToString() => Kind switch
    {
        AttributeValueKind.Boolean => _integer != 0 ? "true" : "false",
        AttributeValueKind.WholeNumber => _integer.ToString(CultureInfo.InvariantCulture),
        AttributeValueKind.RealNumber => FormatDouble(_double),
        AttributeValueKind.Text => "\"" + _string + "\"",
        _ => "null",
    };

    /// <summary>Formats a double so that it reads back as a double: round-trip digits, with ".0" when integral.</summary>
    internal static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
