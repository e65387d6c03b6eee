using System.Runtime.InteropServices;
using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// The <c>lbuffer</c> byte buffers of Liberty apps, and C# access to them for the I/O layer.
/// </summary>
/// <remarks>
/// <para>Representation: a full userdata header (8 bytes: the length) whose first user value is a second
/// userdata holding the bytes (its size is the capacity; nil while the capacity is 0). All bytes live in
/// Lua memory, so they count against the task's memory limit and are freed by Lua's collector; no handle
/// table, no finalizer. Growing replaces the data block (capacity doubles). Lua's collector never moves
/// objects, so C# can read and write the block in place through a span while the buffer is on the stack.</para>
/// <para>Semantics (1-based positions): <c>lbuffer(n)</c> is n zero bytes, <c>lbuffer(s)</c> a copy of s,
/// <c>lbuffer()</c> empty. <c>b:len()</c> the length; <c>b:len(n)</c> and <c>b:setlen(n)</c> set it (new bytes are 0) and
/// return it. <c>b:tostring([pos[, len]])</c> the bytes from pos (default 1), len of them (default to the end,
/// clipped). <c>b:set(pos, src[, srcPos[, len]])</c> copies from a string or lbuffer, growing the buffer (a gap
/// before pos is zero-filled), returns the bytes copied. <c>b:clear([pos[, len]])</c> zero-fills a range (length
/// unchanged). <c>b:remove(pos[, len])</c> deletes a range, shifting the rest down. <c>b[i]</c> is the byte at i or
/// nil; <c>b[i] = v</c> stores <c>v &amp; 0xFF</c> at 1 ≤ i ≤ #b + 1 (i = #b + 1 appends). <c>#b</c> and
/// <c>tostring(b)</c> are the length and the contents.</para>
/// </remarks>
internal static class LuaBuffer
{
    /// <summary>Largest length of a buffer (spans are int-indexed).</summary>
    public const long MaxLength = int.MaxValue;

    private const int HeaderSize = sizeof(long);
    private const long MinCapacity = 16;

    /// <summary>True when the value at <paramref name="index"/> is an lbuffer of this state.</summary>
    public static bool IsBuffer(LuaCallContext context, int index) => IsBuffer(context.State, context.Thread, index);

    /// <summary>The buffer's current contents, writable in place. Valid while the buffer is on the stack and not resized.</summary>
    /// <returns>False when the value is not an lbuffer.</returns>
    public static bool TryGetContents(LuaCallContext context, int index, out Span<byte> contents)
    {
        if (!IsBuffer(context, index))
        {
            contents = default;
            return false;
        }
        contents = Contents(context.Thread, index);
        return true;
    }

    /// <summary>Writes <paramref name="data"/> at 1-based <paramref name="position"/>, growing the buffer as <c>b:set</c> does.</summary>
    /// <returns>False with a message when the value is not an lbuffer, the position is invalid or memory is exhausted.</returns>
    public static bool TryWrite(LuaCallContext context, int index, long position, ReadOnlySpan<byte> data, out string? error)
    {
        if (!IsBuffer(context, index))
        {
            error = $"{context.FunctionName}: argument {index} must be an lbuffer, got {LuaArgs.TypeName(context.Thread, index)}";
            return false;
        }
        if (position < 1 || position - 1 + data.Length > MaxLength)
        {
            error = $"{context.FunctionName}: position {position} is out of range";
            return false;
        }
        var thread = context.Thread;
        var length = GetLength(thread, index);
        var end = position - 1 + data.Length;
        if (end > length && !TryResize(context, index, end, out error))
        {
            return false;
        }
        // Zero a gap between the old end and the write position, then copy.
        var contents = Contents(thread, index);
        if (position - 1 > length)
        {
            contents[(int)length..(int)(position - 1)].Clear();
        }
        data.CopyTo(contents[(int)(position - 1)..]);
        error = null;
        return true;
    }

    /// <summary>Sets the length, zero-filling new bytes.</summary>
    /// <returns>False with a message when the value is not an lbuffer or memory is exhausted.</returns>
    public static bool TrySetLength(LuaCallContext context, int index, long length, out string? error)
    {
        if (!IsBuffer(context, index))
        {
            error = $"{context.FunctionName}: argument {index} must be an lbuffer, got {LuaArgs.TypeName(context.Thread, index)}";
            return false;
        }
        return TryResize(context, index, length, out error);
    }

    internal static int NativeSetMetatable(LuaCallContext context)
    {
        LuaNative.lua_pushvalue(context.Thread, 1);
        context.State.BufferMetatableRef = LuaNative.luaL_ref(context.Thread, LuaNative.RegistryIndex);
        return 0;
    }

    internal static int NativeNew(LuaCallContext context)
    {
        var thread = context.Thread;
        var type = context.TypeOf(1);
        long length = 0;
        if (type == LuaType.Number)
        {
            if (!context.TryGetInteger(1, "size", out length, out var error))
            {
                return context.Fail(error!);
            }
            if (length < 0 || length > MaxLength)
            {
                return context.Fail($"lbuffer: argument 1 (size) must be between 0 and {MaxLength}, got {length}");
            }
        }
        else if (type == LuaType.String)
        {
            length = LuaNative.ToBytes(thread, 1).Length;
        }
        else if (type is not (LuaType.None or LuaType.Nil))
        {
            return context.Fail($"lbuffer: argument 1 must be a size, a string or nil, got {LuaArgs.TypeName(type)}");
        }
        if (!context.State.TryReserveMemory(length + 64))
        {
            return MemoryFailure(context, length);
        }
        var header = LuaNative.lua_newuserdatauv(thread, HeaderSize, 1);
        Marshal.WriteInt64(header, 0);
        var bufferIndex = LuaNative.lua_gettop(thread);
        context.State.PushBufferMetatable(thread);
        _ = LuaNative.lua_setmetatable(thread, bufferIndex);
        if (length > 0)
        {
            if (!TryResize(context, bufferIndex, length, out var error))
            {
                return context.Fail(error!);
            }
            if (type == LuaType.String)
            {
                LuaNative.ToBytes(thread, 1).CopyTo(Contents(thread, bufferIndex));
            }
        }
        return 1;
    }

    internal static int NativeLength(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed))
        {
            return failed;
        }
        if (context.TypeOf(2) is not (LuaType.None or LuaType.Nil))
        {
            return NativeSetLength(context);
        }
        context.PushInteger(GetLength(context.Thread, 1));
        return 1;
    }

    internal static int NativeSetLength(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed))
        {
            return failed;
        }
        if (!context.TryGetInteger(2, "length", out var length, out var error))
        {
            return context.Fail(error!);
        }
        if (!TryResize(context, 1, length, out error))
        {
            return context.Fail(error!);
        }
        context.PushInteger(length);
        return 1;
    }

    internal static int NativeToString(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed) || !TryRange(context, 2, 3, out var start, out var count, out failed))
        {
            return failed;
        }
        context.PushBytes(Contents(context.Thread, 1).Slice(start, count));
        return 1;
    }

    internal static int NativeSet(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed))
        {
            return failed;
        }
        if (!context.TryGetInteger(2, "pos", out var position, out var error))
        {
            return context.Fail(error!);
        }
        var thread = context.Thread;
        int sourceLength;
        var sourceIsBuffer = IsBuffer(context, 3);
        if (sourceIsBuffer)
        {
            sourceLength = (int)GetLength(thread, 3);
        }
        else if (context.TypeOf(3) == LuaType.String)
        {
            sourceLength = LuaNative.ToBytes(thread, 3).Length;
        }
        else
        {
            return context.Fail($"{context.FunctionName}: argument 3 (src) must be a string or an lbuffer, got {LuaArgs.TypeName(thread, 3)}");
        }
        if (!context.TryGetOptionalInteger(4, "srcPos", 1, out var sourcePosition, out error)
            || !context.TryGetOptionalInteger(5, "len", long.MaxValue, out var count, out error))
        {
            return context.Fail(error!);
        }
        if (position < 1 || sourcePosition < 1 || count < 0)
        {
            return context.Fail($"{context.FunctionName}: positions must be 1 or more and len 0 or more (pos {position}, srcPos {sourcePosition}, len {(count == long.MaxValue ? "default" : count)})");
        }
        var available = Math.Max(0, sourceLength - (sourcePosition - 1));
        count = Math.Min(count, available);
        if (count == 0)
        {
            context.PushInteger(0);
            return 1;
        }
        // Copy the source out first when it may move (the buffer itself, if it grows).
        var source = sourceIsBuffer ? Contents(thread, 3).Slice((int)(sourcePosition - 1), (int)count).ToArray() : null;
        ReadOnlySpan<byte> data = source ?? LuaNative.ToBytes(thread, 3).Slice((int)(sourcePosition - 1), (int)count);
        if (!TryWrite(context, 1, position, data, out error))
        {
            return context.Fail(error!);
        }
        context.PushInteger(count);
        return 1;
    }

    internal static int NativeClear(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed) || !TryRange(context, 2, 3, out var start, out var count, out failed))
        {
            return failed;
        }
        Contents(context.Thread, 1).Slice(start, count).Clear();
        return 0;
    }

    internal static int NativeRemove(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed) || !TryRange(context, 2, 3, out var start, out var count, out failed))
        {
            return failed;
        }
        var contents = Contents(context.Thread, 1);
        contents[(start + count)..].CopyTo(contents[start..]);
        SetLength(context.Thread, 1, contents.Length - count);
        context.PushInteger(count);
        return 1;
    }

    // b[i]: the byte, or nil for anything else (an index out of range, a non-integer key).
    internal static int NativeGet(LuaCallContext context)
    {
        var thread = context.Thread;
        if (!IsBuffer(context, 1) || !LuaArgs.TryGetInteger(thread, 2, "lbuffer", "index", out var index, out _))
        {
            context.PushNil();
            return 1;
        }
        var contents = Contents(thread, 1);
        if (index < 1 || index > contents.Length)
        {
            context.PushNil();
            return 1;
        }
        context.PushInteger(contents[(int)(index - 1)]);
        return 1;
    }

    internal static int NativePut(LuaCallContext context)
    {
        if (!CheckSelf(context, out var failed))
        {
            return failed;
        }
        if (!context.TryGetInteger(2, "index", out var index, out var error)
            || !context.TryGetInteger(3, "value", out var value, out error, LuaRounding.Truncate))
        {
            return context.Fail(error!);
        }
        var length = GetLength(context.Thread, 1);
        if (index < 1 || index > length + 1)
        {
            return context.Fail($"lbuffer: index {index} is out of range (length {length})");
        }
        ReadOnlySpan<byte> data = [(byte)(value & 0xFF)];
        if (!TryWrite(context, 1, index, data, out error))
        {
            return context.Fail(error!);
        }
        return 0;
    }

    private static bool CheckSelf(LuaCallContext context, out int failed)
    {
        if (IsBuffer(context, 1))
        {
            failed = 0;
            return true;
        }
        failed = context.Fail($"{context.FunctionName}: argument 1 (self) must be an lbuffer, got {LuaArgs.TypeName(context.Thread, 1)}");
        return false;
    }

    // Reads optional (pos, len) arguments into a clipped [start, start + count) range of the contents.
    private static bool TryRange(LuaCallContext context, int positionIndex, int lengthIndex, out int start, out int count, out int failed)
    {
        start = count = failed = 0;
        if (!context.TryGetOptionalInteger(positionIndex, "pos", 1, out var position, out var error)
            || !context.TryGetOptionalInteger(lengthIndex, "len", long.MaxValue, out var length, out error))
        {
            failed = context.Fail(error!);
            return false;
        }
        if (position < 1 || length < 0)
        {
            failed = context.Fail($"{context.FunctionName}: pos must be 1 or more and len 0 or more (pos {position}, len {length})");
            return false;
        }
        var total = GetLength(context.Thread, 1);
        start = (int)Math.Min(position - 1, total);
        count = (int)Math.Min(length, total - start);
        return true;
    }

    private static bool IsBuffer(LuaState state, IntPtr thread, int index)
    {
        if (LuaNative.lua_type(thread, index) != LuaType.UserData || LuaNative.lua_getmetatable(thread, index) == 0)
        {
            return false;
        }
        state.PushBufferMetatable(thread);
        var same = LuaNative.lua_rawequal(thread, -1, -2) != 0;
        LuaNative.Pop(thread, 2);
        return same;
    }

    private static long GetLength(IntPtr thread, int index) => Marshal.ReadInt64(LuaNative.lua_touserdata(thread, index));

    private static void SetLength(IntPtr thread, int index, long length) => Marshal.WriteInt64(LuaNative.lua_touserdata(thread, index), length);

    private static Span<byte> Contents(IntPtr thread, int index)
    {
        var length = GetLength(thread, index);
        if (length == 0)
        {
            return default;
        }
        LuaNative.lua_getiuservalue(thread, index, 1);
        var data = LuaNative.lua_touserdata(thread, -1);
        LuaNative.Pop(thread, 1);
        // The data block stays reachable through the header's user value.
        return LuaNative.NativeSpan(data, (int)length);
    }

    private static long Capacity(IntPtr thread, int index)
    {
        var type = LuaNative.lua_getiuservalue(thread, index, 1);
        var capacity = type == LuaType.UserData ? (long)LuaNative.lua_rawlen(thread, -1) : 0;
        LuaNative.Pop(thread, 1);
        return capacity;
    }

    private static bool TryResize(LuaCallContext context, int index, long length, out string? error)
    {
        if (length < 0 || length > MaxLength)
        {
            error = $"{context.FunctionName}: length must be between 0 and {MaxLength}, got {length}";
            return false;
        }
        var thread = context.Thread;
        var oldLength = GetLength(thread, index);
        var capacity = Capacity(thread, index);
        if (length > capacity)
        {
            var newCapacity = Math.Min(MaxLength, Math.Max(length, Math.Max(MinCapacity, capacity * 2)));
            if (!context.State.TryReserveMemory(newCapacity + 64))
            {
                error = $"{context.FunctionName}: memory limit exceeded (a buffer of {length} bytes does not fit)";
                return false;
            }
            var block = LuaNative.lua_newuserdatauv(thread, (UIntPtr)newCapacity, 0);
            var fresh = LuaNative.NativeSpan(block, (int)newCapacity);
            Contents(thread, index).CopyTo(fresh);
            _ = LuaNative.lua_setiuservalue(thread, index, 1);
        }
        if (length > oldLength)
        {
            SetLength(thread, index, length);
            Contents(thread, index)[(int)oldLength..].Clear();
        }
        else
        {
            SetLength(thread, index, length);
        }
        error = null;
        return true;
    }

    private static int MemoryFailure(LuaCallContext context, long length) =>
        context.Fail($"{context.FunctionName}: memory limit exceeded (a buffer of {length} bytes does not fit)");
}
