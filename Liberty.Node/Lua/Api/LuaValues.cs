using System.Globalization;
using KeraLua;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Converts between Lua values and plain .NET values: null, bool, long (Lua integer), double (Lua float),
/// string, <see cref="IReadOnlyList{T}"/> of object (a Lua array, 1-based) and
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to object (a table with string keys). Used for
/// task arguments, posted event data that crosses Lua states, and standalone data.
/// </summary>
/// <remarks>
/// <b>Thread:</b> the state's thread. Never raises a Lua error (raw accesses only), so it may be used
/// inside C# callbacks. Tables nested deeper than <see cref="MaxDepth"/> and values of other types
/// (functions, userdata, coroutines) read as null.
/// </remarks>
internal static class LuaValues
{
    /// <summary>How deep tables are converted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Pushes <paramref name="value"/> onto <paramref name="thread"/>'s stack (one slot).</summary>
    /// <returns>False when the stack could not grow (nil was not pushed either) or the value is nested too deeply (nil pushed).</returns>
    public static bool TryPush(IntPtr thread, object? value, int depth = 0)
    {
        if (LuaNative.lua_checkstack(thread, 3) == 0)
        {
            return false;
        }
        switch (value)
        {
            case null:
                LuaNative.lua_pushnil(thread);
                return true;
            case bool b:
                LuaNative.lua_pushboolean(thread, b ? 1 : 0);
                return true;
            case long l:
                LuaNative.lua_pushinteger(thread, l);
                return true;
            case int i:
                LuaNative.lua_pushinteger(thread, i);
                return true;
            case double d:
                LuaNative.lua_pushnumber(thread, d);
                return true;
            case float f:
                LuaNative.lua_pushnumber(thread, f);
                return true;
            case decimal m:
                LuaNative.lua_pushnumber(thread, (double)m);
                return true;
            case string s:
                LuaNative.PushString(thread, s);
                return true;
            case IReadOnlyDictionary<string, object?> map:
                if (depth >= MaxDepth)
                {
                    LuaNative.lua_pushnil(thread);
                    return false;
                }
                LuaNative.lua_createtable(thread, 0, map.Count);
                foreach (var (key, item) in map)
                {
                    LuaNative.PushString(thread, key);
                    if (!TryPush(thread, item, depth + 1))
                    {
                        LuaNative.Pop(thread, 1);
                        continue;
                    }
                    LuaNative.lua_rawset(thread, -3);
                }
                return true;
            case IReadOnlyList<object?> list:
                if (depth >= MaxDepth)
                {
                    LuaNative.lua_pushnil(thread);
                    return false;
                }
                LuaNative.lua_createtable(thread, list.Count, 0);
                for (var n = 0; n < list.Count; n++)
                {
                    if (TryPush(thread, list[n], depth + 1))
                    {
                        LuaNative.lua_rawseti(thread, -2, n + 1);
                    }
                }
                return true;
            default:
                LuaNative.PushString(thread, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return true;
        }
    }

    /// <summary>
    /// Checks that the value at <paramref name="index"/> converts whole: tables nested at most <see cref="MaxDepth"/>
    /// levels (the value itself is level 1) and no table that contains itself. The stack is left as it was.
    /// </summary>
    /// <returns>Null when it converts whole; otherwise what is wrong, for people.</returns>
    public static string? CheckNesting(IntPtr thread, int index)
    {
        if (LuaNative.lua_type(thread, index) != LuaType.Table)
        {
            return null;
        }
        var top = LuaNative.lua_gettop(thread);
        var why = Walk(thread, index < 0 ? top + index + 1 : index, []);
        LuaNative.lua_settop(thread, top);
        return why;
    }

    // Depth-first over the values (keys that are tables are not stored, so not walked); the ancestors' stack slots
    // identify a cycle with raw equality.
    private static string? Walk(IntPtr thread, int table, List<int> ancestors)
    {
        foreach (var ancestor in ancestors)
        {
            if (LuaNative.lua_rawequal(thread, ancestor, table) != 0)
            {
                return "the table contains itself (a cycle)";
            }
        }
        if (ancestors.Count >= MaxDepth || LuaNative.lua_checkstack(thread, 3) == 0)
        {
            return $"tables are nested deeper than {MaxDepth} levels";
        }
        ancestors.Add(table);
        LuaNative.lua_pushnil(thread);
        while (LuaNative.lua_next(thread, table) != 0)
        {
            if (LuaNative.lua_type(thread, -1) == LuaType.Table && Walk(thread, LuaNative.lua_gettop(thread), ancestors) is { } why)
            {
                return why;
            }
            LuaNative.Pop(thread, 1);
        }
        ancestors.RemoveAt(ancestors.Count - 1);
        return null;
    }

    /// <summary>Reads the value at <paramref name="index"/> as a plain .NET value (see the class remarks).</summary>
    public static object? ToObject(IntPtr thread, int index, int depth = 0)
    {
        switch (LuaNative.lua_type(thread, index))
        {
            case LuaType.Boolean:
                return LuaNative.lua_toboolean(thread, index) != 0;
            case LuaType.Number:
                // Boxed per branch: a plain ?: would convert the long to double (integers would come back as floats).
                return LuaNative.lua_isinteger(thread, index) != 0
                    ? (object)LuaNative.lua_tointegerx(thread, index, IntPtr.Zero)
                    : LuaNative.lua_tonumberx(thread, index, IntPtr.Zero);
            case LuaType.String:
                return LuaNative.ToString(thread, index);
            case LuaType.Table when depth < MaxDepth && LuaNative.lua_checkstack(thread, 3) != 0:
                return TableToObject(thread, index < 0 ? LuaNative.lua_gettop(thread) + index + 1 : index, depth);
            default:
                return null;
        }
    }

    private static object TableToObject(IntPtr thread, int table, int depth)
    {
        var length = (long)LuaNative.lua_rawlen(thread, table);
        var list = new List<object?>();
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        var arrayOnly = true;
        LuaNative.lua_pushnil(thread);
        while (LuaNative.lua_next(thread, table) != 0)
        {
            var keyType = LuaNative.lua_type(thread, -2);
            if (keyType == LuaType.Number && LuaNative.lua_isinteger(thread, -2) != 0
                && LuaNative.lua_tointegerx(thread, -2, IntPtr.Zero) is var k && k >= 1 && k <= length)
            {
                map[k.ToString(CultureInfo.InvariantCulture)] = ToObject(thread, -1, depth + 1);
            }
            else
            {
                arrayOnly = false;
                if (keyType is LuaType.String or LuaType.Number)
                {
                    // A number key is read through a copy: lua_tolstring would change the key in place and break lua_next.
                    LuaNative.lua_pushvalue(thread, -2);
                    var key = LuaNative.ToString(thread, -1);
                    LuaNative.Pop(thread, 1);
                    if (key is not null)
                    {
                        map[key] = ToObject(thread, -1, depth + 1);
                    }
                }
            }
            LuaNative.Pop(thread, 1);
        }
        if (arrayOnly && map.Count == length)
        {
            for (var n = 1; n <= length; n++)
            {
                list.Add(map[n.ToString(CultureInfo.InvariantCulture)]);
            }
            return list;
        }
        return map;
    }
}
