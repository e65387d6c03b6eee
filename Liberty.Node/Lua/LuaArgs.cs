using System.Globalization;
using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// Argument checks for C# functions called from Lua. They never raise a Lua error: they return false and
/// an error message naming the function and the argument ("Libre_Wait: argument 1 (ms) must be a number,
/// got string"), which the callback hands to <see cref="LuaCallContext.Fail"/>.
/// </summary>
/// <remarks>
/// LuaJIT apps have no integer subtype: every parameter documented as an integer accepts a float with an
/// integral value (<c>10 / 2</c>); <see cref="LuaRounding"/> says what happens to a fraction.
/// Numeric strings are not numbers here (the Liberty API never took them).
/// </remarks>
internal static class LuaArgs
{
    // 2^63 as a double: the first double that does not fit a long.
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>Lua's name of the type at <paramref name="index"/> ("nil", "number", ..., "no value").</summary>
    public static string TypeName(IntPtr state, int index) => TypeName(LuaNative.lua_type(state, index));

    /// <summary>Lua's name of <paramref name="type"/>.</summary>
    public static string TypeName(LuaType type) => type switch
    {
        LuaType.None => "no value",
        LuaType.Nil => "nil",
        LuaType.Boolean => "boolean",
        LuaType.LightUserData or LuaType.UserData => "userdata",
        LuaType.Number => "number",
        LuaType.String => "string",
        LuaType.Table => "table",
        LuaType.Function => "function",
        LuaType.Thread => "thread",
        _ => "unknown",
    };

    /// <summary>Reads an integer argument.</summary>
    /// <param name="state">The calling thread (<see cref="LuaCallContext.Thread"/>).</param>
    /// <param name="index">1-based argument index.</param>
    /// <param name="functionName">Function name for the message.</param>
    /// <param name="argumentName">Argument name for the message.</param>
    /// <param name="value">The integer on success.</param>
    /// <param name="error">Null on success, else the message.</param>
    /// <param name="rounding">What to do with a fraction.</param>
    /// <returns>True when the argument is a number convertible to a 64-bit integer under <paramref name="rounding"/>.</returns>
    public static bool TryGetInteger(IntPtr state, int index, string functionName, string argumentName,
        out long value, out string? error, LuaRounding rounding = LuaRounding.Reject)
    {
        value = 0;
        var type = LuaNative.lua_type(state, index);
        if (type != LuaType.Number)
        {
            error = $"{functionName}: argument {index} ({argumentName}) must be a number, got {TypeName(type)}";
            return false;
        }
        if (LuaNative.lua_isinteger(state, index) != 0)
        {
            value = LuaNative.lua_tointegerx(state, index, IntPtr.Zero);
            error = null;
            return true;
        }
        var number = LuaNative.lua_tonumberx(state, index, IntPtr.Zero);
        var rounded = rounding switch
        {
            LuaRounding.Truncate => Math.Truncate(number),
            LuaRounding.Nearest => Math.Round(number, MidpointRounding.AwayFromZero),
            LuaRounding.Ceiling => Math.Ceiling(number),
            _ => number,
        };
        if (double.IsNaN(rounded) || rounded < -TwoPow63 || rounded >= TwoPow63)
        {
            error = $"{functionName}: argument {index} ({argumentName}) must be an integer, got {Format(number)}";
            return false;
        }
        if (rounded != Math.Floor(rounded))
        {
            error = $"{functionName}: argument {index} ({argumentName}) must be an integer, got {Format(number)}";
            return false;
        }
        value = (long)rounded;
        error = null;
        return true;
    }

    /// <summary>As <see cref="TryGetInteger"/>, but nil or an absent argument gives <paramref name="defaultValue"/>.</summary>
    public static bool TryGetOptionalInteger(IntPtr state, int index, string functionName, string argumentName,
        long defaultValue, out long value, out string? error, LuaRounding rounding = LuaRounding.Reject)
    {
        if (LuaNative.lua_type(state, index) is LuaType.None or LuaType.Nil)
        {
            value = defaultValue;
            error = null;
            return true;
        }
        return TryGetInteger(state, index, functionName, argumentName, out value, out error, rounding);
    }

    /// <summary>Reads a number argument (integer or float). False with a message for any other type.</summary>
    public static bool TryGetNumber(IntPtr state, int index, string functionName, string argumentName,
        out double value, out string? error)
    {
        var type = LuaNative.lua_type(state, index);
        if (type != LuaType.Number)
        {
            value = 0;
            error = $"{functionName}: argument {index} ({argumentName}) must be a number, got {TypeName(type)}";
            return false;
        }
        value = LuaNative.lua_tonumberx(state, index, IntPtr.Zero);
        error = null;
        return true;
    }

    /// <summary>Reads a string argument. Numbers are accepted and converted as Lua does (<c>10</c> gives "10").</summary>
    public static bool TryGetString(IntPtr state, int index, string functionName, string argumentName,
        out string value, out string? error)
    {
        var text = LuaNative.ToString(state, index);
        if (text is null)
        {
            value = string.Empty;
            error = $"{functionName}: argument {index} ({argumentName}) must be a string, got {TypeName(state, index)}";
            return false;
        }
        value = text;
        error = null;
        return true;
    }

    /// <summary>Lua truthiness of the argument: false only for nil, false and absent.</summary>
    public static bool ToBoolean(IntPtr state, int index) => LuaNative.lua_toboolean(state, index) != 0;

    // As Lua prints a float (%.14g): 2.5, inf, -nan, 9.2233720368548e+18.
    private static string Format(double number) => number switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double.NaN => "nan",
        _ => number.ToString("G14", CultureInfo.InvariantCulture).Replace('E', 'e'),
    };
}
