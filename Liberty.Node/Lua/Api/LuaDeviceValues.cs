using System.Globalization;
using KeraLua;
using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Device values between Lua and .NET for the device API: <see cref="DeviceEvent"/> → the event table
/// (docs/app-api.md section 4), Lua tables → command arguments and attribute maps.
/// </summary>
/// <remarks><b>Thread:</b> inside API callbacks on the cooperative thread; raw Lua access only, never raises.</remarks>
internal static class LuaDeviceValues
{
    /// <summary>
    /// Pushes the event table: <c>t</c>, <c>id</c>, <c>ok</c>, <c>c</c>, <c>d</c> (commands), <c>v</c> (commands: 1-based
    /// array of arguments; attribute events: attribute id → value, also keyed <c>(cluster &lt;&lt; 16) | attr</c>),
    /// <c>a</c> (attribute id → new value, or absent), <c>s</c>.
    /// </summary>
    /// <returns>False (nothing pushed) when the Lua stack cannot grow.</returns>
    public static bool TryPushEvent(DeviceEvent e, IntPtr l)
    {
        if (LuaNative.lua_checkstack(l, 6) == 0)
        {
            return false;
        }
        LuaNative.lua_createtable(l, 0, 8);
        LuaEventTables.SetInteger(l, "t", (int)e.Type);
        LuaEventTables.SetInteger(l, "id", e.Id);
        LuaEventTables.SetBoolean(l, "ok", e.Ok);
        LuaEventTables.SetInteger(l, "c", e.Cluster);
        if (e.Command is { } command)
        {
            LuaEventTables.SetInteger(l, "d", command);
        }
        LuaNative.PushString(l, "v");
        if (e.Arguments is { } arguments)
        {
            LuaNative.lua_createtable(l, arguments.Count, 0);
            for (var i = 0; i < arguments.Count; i++)
            {
                Push(l, arguments[i]);
                LuaNative.lua_rawseti(l, -2, i + 1);
            }
        }
        else if (e.Attributes is { } attributes)
        {
            LuaNative.lua_createtable(l, 0, attributes.Count * 2);
            foreach (var (attribute, value) in attributes)
            {
                LuaNative.lua_pushinteger(l, attribute);
                Push(l, value);
                LuaNative.lua_rawset(l, -3);
                LuaNative.lua_pushinteger(l, new AttributeKey(e.Cluster, attribute).Combined);
                Push(l, value);
                LuaNative.lua_rawset(l, -3);
            }
        }
        else
        {
            LuaNative.lua_createtable(l, 0, 0);
        }
        LuaNative.lua_rawset(l, -3);
        if (e.Affected is { } affected)
        {
            LuaNative.PushString(l, "a");
            LuaNative.lua_createtable(l, 0, affected.Count);
            foreach (var (attribute, value) in affected)
            {
                LuaNative.lua_pushinteger(l, attribute);
                Push(l, value);
                LuaNative.lua_rawset(l, -3);
            }
            LuaNative.lua_rawset(l, -3);
        }
        LuaEventTables.SetInteger(l, "s", (int)e.Source);
        return true;
    }

    /// <summary>Pushes one attribute value as Lua's nil/boolean/integer/float/string.</summary>
    public static void Push(IntPtr l, AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeValueKind.Boolean:
                value.TryGetBoolean(out var flag);
                LuaNative.lua_pushboolean(l, flag ? 1 : 0);
                break;
            case AttributeValueKind.WholeNumber:
                value.TryGetInt64(out var whole);
                LuaNative.lua_pushinteger(l, whole);
                break;
            case AttributeValueKind.RealNumber:
                value.TryGetDouble(out var real);
                LuaNative.lua_pushnumber(l, real);
                break;
            case AttributeValueKind.Text:
                value.TryGetString(out var text);
                LuaNative.PushString(l, text!);
                break;
            default:
                LuaNative.lua_pushnil(l);
                break;
        }
    }

    /// <summary>Reads the Lua value at <paramref name="index"/> as an attribute value (nil, boolean, number, string).</summary>
    /// <returns>False for other types (tables, functions...).</returns>
    public static bool TryRead(IntPtr l, int index, out AttributeValue value)
    {
        switch (LuaNative.lua_type(l, index))
        {
            case LuaType.Nil:
                value = AttributeValue.Null;
                return true;
            case LuaType.Boolean:
                value = LuaNative.lua_toboolean(l, index) != 0;
                return true;
            case LuaType.Number:
                if (LuaNative.lua_isinteger(l, index) != 0)
                {
                    value = LuaNative.lua_tointegerx(l, index, IntPtr.Zero);
                    return true;
                }
                var number = LuaNative.lua_tonumberx(l, index, IntPtr.Zero);
                if (!double.IsFinite(number))
                {
                    value = default;
                    return false;
                }
                value = number;
                return true;
            case LuaType.String:
                value = LuaNative.ToString(l, index);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>
    /// Reads an optional array argument (<c>{level, transition}</c>) as command arguments; nil or absent gives none.
    /// </summary>
    /// <returns>False with a message naming the function, argument and element when it is not an array of plain values.</returns>
    public static bool TryReadArguments(in LuaCallContext ctx, int index, string name, out IReadOnlyList<AttributeValue> arguments, out string? error)
    {
        arguments = [];
        var l = ctx.Thread;
        var type = ctx.TypeOf(index);
        if (type is LuaType.None or LuaType.Nil)
        {
            error = null;
            return true;
        }
        if (type != LuaType.Table || !ctx.EnsureStack(2))
        {
            error = $"{ctx.FunctionName}: argument {index} ({name}) must be an array of values, got {LuaArgs.TypeName(type)}";
            return false;
        }
        var count = (int)Math.Min(LuaNative.lua_rawlen(l, index), 255);
        var list = new AttributeValue[count];
        for (var i = 0; i < count; i++)
        {
            LuaNative.lua_rawgeti(l, index, i + 1);
            var ok = TryRead(l, -1, out list[i]);
            LuaNative.lua_settop(l, -2);
            if (!ok)
            {
                error = $"{ctx.FunctionName}: argument {index} ({name}): element {i + 1} must be a boolean, number or string";
                return false;
            }
        }
        arguments = list;
        error = null;
        return true;
    }

    /// <summary>Reads a table of attribute id (integer, integral floats accepted) → value (boolean, number, string).</summary>
    /// <returns>False with a message naming the function, argument and key when the table is malformed.</returns>
    public static bool TryReadAttributes(in LuaCallContext ctx, int index, string name, out Dictionary<int, AttributeValue> attributes, out string? error)
    {
        attributes = [];
        var l = ctx.Thread;
        var type = ctx.TypeOf(index);
        if (type != LuaType.Table || !ctx.EnsureStack(3))
        {
            error = $"{ctx.FunctionName}: argument {index} ({name}) must be a table of attribute id = value, got {LuaArgs.TypeName(type)}";
            return false;
        }
        var top = LuaNative.lua_gettop(l);
        var table = index < 0 ? top + index + 1 : index;
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, table) != 0)
        {
            // Stack: key at -2, value at -1.
            if (LuaNative.lua_type(l, -2) != LuaType.Number)
            {
                var text = LuaNative.lua_type(l, -2) == LuaType.String ? LuaNative.ToString(l, -2) : LuaArgs.TypeName(l, -2);
                LuaNative.lua_settop(l, top);
                error = $"{ctx.FunctionName}: argument {index} ({name}): key '{text}' is not an attribute id";
                return false;
            }
            var key = LuaNative.lua_tonumberx(l, -2, IntPtr.Zero);
            if (key != Math.Floor(key) || key < 0 || key > 0xFFFF)
            {
                LuaNative.lua_settop(l, top);
                error = $"{ctx.FunctionName}: argument {index} ({name}): key {key.ToString(CultureInfo.InvariantCulture)} is not an attribute id (0..65535)";
                return false;
            }
            if (!TryRead(l, -1, out var value) || value.IsNull)
            {
                LuaNative.lua_settop(l, top);
                error = $"{ctx.FunctionName}: argument {index} ({name}): the value of attribute {(int)key} must be a boolean, number or string";
                return false;
            }
            attributes[(int)key] = value;
            LuaNative.lua_settop(l, -2);
        }
        error = null;
        return true;
    }
}
