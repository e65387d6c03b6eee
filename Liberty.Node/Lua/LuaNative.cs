using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// Direct entry points into the Lua 5.4 library that the KeraLua package ships (<c>lua54</c>), on raw
/// <c>lua_State*</c> pointers. KeraLua's managed wrapper allocates a wrapper object per thread pointer and
/// marshals delegates per call; the engine's hot paths (resume, callbacks) cannot afford either, so
/// they call the native library here.
/// </summary>
/// <remarks>
/// Only functions that cannot raise a Lua error (or that run protected, like <c>lua_pcallk</c>,
/// <c>lua_resume</c>, <c>luaL_loadbufferx</c>, <c>lua_closethread</c>) may be called from C#:
/// README.md, "The status-return rule". Allocation inside them cannot raise either, because the
/// allocator never refuses while C# is on top of the Lua stack.
/// </remarks>
internal static class LuaNative
{
    private const string Library = "lua54";

    /// <summary>Pseudo-index of the registry (<c>LUA_REGISTRYINDEX</c>).</summary>
    public const int RegistryIndex = -1_000_000 - 1000;

    /// <summary>Registry slot of the main thread (<c>LUA_RIDX_MAINTHREAD</c>).</summary>
    public const int RegistryMainThread = 1;

    /// <summary>Registry slot of the globals table (<c>LUA_RIDX_GLOBALS</c>).</summary>
    public const int RegistryGlobals = 2;

    /// <summary>The "no reference" value of <c>luaL_ref</c> (<c>LUA_REFNIL</c>).</summary>
    public const int RefNil = -1;

    /// <summary>"Return all results" for calls (<c>LUA_MULTRET</c>).</summary>
    public const int MultipleResults = -1;

    /// <summary>Stack slots a C function may use without <c>lua_checkstack</c> (<c>LUA_MINSTACK</c>).</summary>
    public const int MinStack = 20;

    /// <summary>A C function called by Lua. Must never let an exception escape and never raise a Lua error.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int CFunction(IntPtr state);

    /// <summary>The allocator callback (<c>lua_Alloc</c>). Must never let an exception escape.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr Allocator(IntPtr userData, IntPtr block, UIntPtr oldSize, UIntPtr newSize);

    /// <summary>The pseudo-index of upvalue <paramref name="index"/> of the running C closure.</summary>
    public static int UpvalueIndex(int index) => RegistryIndex - index;

    // [SuppressGCTransition] marks the calls that only touch the stack or read values: they never
    // allocate (so never call the managed allocator back), never run Lua code and never block. Anything
    // that may allocate, raise or run a metamethod keeps the normal transition.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr lua_newstate(IntPtr allocator, IntPtr userData);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_close(IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void luaL_openlibs(IntPtr state);

    /// <summary><c>what</c> of <see cref="lua_gc"/>: a full collection cycle.</summary>
    public const int GcCollect = 2;

    // lua_gc is variadic in C; with integer arguments only, the x64 conventions pass them as in a fixed call.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_gc(IntPtr state, int what, int arg);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr lua_newthread(IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaStatus lua_closethread(IntPtr state, IntPtr from);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaStatus lua_resume(IntPtr state, IntPtr from, int argumentCount, out int resultCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaStatus lua_status(IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaStatus lua_pcallk(IntPtr state, int argumentCount, int resultCount, int messageHandler, IntPtr context, IntPtr continuation);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaStatus luaL_loadbufferx(IntPtr state, byte[] buffer, UIntPtr size, byte[] name, byte[] mode);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void luaL_traceback(IntPtr state, IntPtr thread, byte[]? message, int level);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int luaL_ref(IntPtr state, int table);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void luaL_unref(IntPtr state, int table, int reference);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern int lua_gettop(IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_settop(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushvalue(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_rotate(IntPtr state, int index, int count);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_checkstack(IntPtr state, int count);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_xmove(IntPtr from, IntPtr to, int count);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern LuaType lua_type(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern int lua_isinteger(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern double lua_tonumberx(IntPtr state, int index, IntPtr isNumber);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern long lua_tointegerx(IntPtr state, int index, IntPtr isNumber);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern int lua_toboolean(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr lua_tolstring(IntPtr state, int index, out UIntPtr length);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern ulong lua_rawlen(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern IntPtr lua_touserdata(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern IntPtr lua_tothread(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern int lua_rawequal(IntPtr state, int index1, int index2);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushnil(IntPtr state);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushnumber(IntPtr state, double value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushinteger(IntPtr state, long value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr lua_pushlstring(IntPtr state, ref byte bytes, UIntPtr length);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_pushcclosure(IntPtr state, IntPtr function, int upvalueCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushboolean(IntPtr state, int value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern void lua_pushlightuserdata(IntPtr state, IntPtr pointer);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern LuaType lua_rawget(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    public static extern LuaType lua_rawgeti(IntPtr state, int index, long key);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_createtable(IntPtr state, int arrayCount, int hashCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr lua_newuserdatauv(IntPtr state, UIntPtr size, int userValueCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_getmetatable(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern LuaType lua_getiuservalue(IntPtr state, int index, int userValue);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_rawset(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_rawseti(IntPtr state, int index, long key);

    // key: a NUL-terminated UTF-8 string that stays put (Lua caches strings by its address). On a table
    // without a metatable it is a raw set.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void lua_setfield(IntPtr state, int index, IntPtr key);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_setmetatable(IntPtr state, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_setiuservalue(IntPtr state, int index, int userValue);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int lua_next(IntPtr state, int index);

    /// <summary><c>lua_pop</c>.</summary>
    public static void Pop(IntPtr state, int count) => lua_settop(state, -count - 1);

    /// <summary><c>lua_pcall</c>: a protected call; never raises.</summary>
    public static LuaStatus PCall(IntPtr state, int argumentCount, int resultCount, int messageHandler) =>
        lua_pcallk(state, argumentCount, resultCount, messageHandler, IntPtr.Zero, IntPtr.Zero);

    /// <summary>Pushes a .NET string as UTF-8. Allocates in Lua; never raises (see class remarks).</summary>
    public static void PushString(IntPtr state, string value)
    {
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        if (byteCount <= 256)
        {
            Span<byte> bytes = stackalloc byte[byteCount];
            System.Text.Encoding.UTF8.GetBytes(value, bytes);
            PushBytes(state, bytes);
        }
        else
        {
            PushBytes(state, System.Text.Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>Pushes raw bytes as a Lua string.</summary>
    public static void PushBytes(IntPtr state, ReadOnlySpan<byte> bytes)
    {
        // lua_pushlstring copies the bytes; with length 0 it never reads the pointer, so a dummy is fine.
        byte empty = 0;
        ref var first = ref bytes.IsEmpty ? ref empty : ref MemoryMarshal.GetReference(bytes);
        lua_pushlstring(state, ref first, (UIntPtr)bytes.Length);
    }

    /// <summary>
    /// The string (or number, converted in place) at <paramref name="index"/> as .NET UTF-16, or null
    /// when the value is neither.
    /// </summary>
    public static string? ToString(IntPtr state, int index)
    {
        var type = lua_type(state, index);
        if (type is not (LuaType.String or LuaType.Number))
        {
            return null;
        }
        var pointer = lua_tolstring(state, index, out var length);
        return pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer, checked((int)length));
    }

    /// <summary>The bytes of the string at <paramref name="index"/>; valid while the value stays on the stack.</summary>
    public static ReadOnlySpan<byte> ToBytes(IntPtr state, int index)
    {
        if (lua_type(state, index) != LuaType.String)
        {
            return default;
        }
        var pointer = lua_tolstring(state, index, out var length);
        return NativeSpan(pointer, checked((int)length));
    }

    /// <summary>
    /// A span over native memory owned by Lua (a string or a full userdata block). Lua's collector never
    /// moves objects, so the span stays valid while the object is reachable (on a stack or anchored).
    /// The project does not enable unsafe blocks, hence the <see cref="Unsafe"/> form of a pointer cast.
    /// </summary>
    public static Span<byte> NativeSpan(IntPtr pointer, int length) =>
        length == 0 || pointer == IntPtr.Zero
            ? default
            : MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), pointer), length);

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/> for C string parameters.</summary>
    public static byte[] CString(string value)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(value) + 1];
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
