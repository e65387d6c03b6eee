using System.Globalization;
using KeraLua;
using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>Argument helpers shared by the imperative (<see cref="LuaIoApi"/>) and reactive (<see cref="LuaNetApi"/>) I/O functions.</summary>
/// <remarks><b>Thread:</b> inside API callbacks on the cooperative thread; never raises.</remarks>
internal static class LuaIoArgs
{
    /// <summary>Largest number of bytes one read or one data callback moves into Lua.</summary>
    public const int MaxChunk = 64 * 1024;

    /// <summary>The node's I/O service, or an error when the node has none configured.</summary>
    public static bool TryGetService(in LuaCallContext ctx, out IoService? io, out string? error)
    {
        io = LuaRun.Of(ctx).Services.Io;
        error = io is null ? $"{ctx.FunctionName}: network I/O is not enabled on this node" : null;
        return io is not null;
    }

    /// <summary>The handle named by the fd at <paramref name="index"/>, of this task and of type <typeparamref name="T"/>.</summary>
    public static bool TryGetHandle<T>(in LuaCallContext ctx, int index, out T? handle, out string? error)
        where T : IoHandle
    {
        handle = null;
        if (!TryGetService(ctx, out var io, out error) || !ctx.TryGetInteger(index, "fd", out var fd, out error))
        {
            return false;
        }
        handle = fd is > 0 and <= int.MaxValue ? io!.Find((int)fd, LuaRun.Of(ctx).Engine) as T : null;
        if (handle is null)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{ctx.FunctionName}: argument {index} (fd) is not an open {Kind<T>()} of this task (got {fd})");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The bytes of a string or lbuffer at <paramref name="index"/>, from 1-based <paramref name="position"/>,
    /// <paramref name="length"/> of them (negative: to the end; clipped at the end).
    /// </summary>
    public static bool TryGetData(in LuaCallContext ctx, int index, string name, long position, long length, out ReadOnlySpan<byte> data, out string? error)
    {
        data = default;
        error = null;
        ReadOnlySpan<byte> all;
        if (ctx.TypeOf(index) == LuaType.String)
        {
            all = LuaNative.ToBytes(ctx.Thread, index);
        }
        else if (LuaBuffer.TryGetContents(ctx, index, out var contents))
        {
            all = contents;
        }
        else
        {
            error = $"{ctx.FunctionName}: argument {index} ({name}) must be a string or an lbuffer, got {LuaArgs.TypeName(ctx.TypeOf(index))}";
            return false;
        }
        if (position < 1 || position > all.Length + 1L)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{ctx.FunctionName}: position {position} is out of range 1..{all.Length + 1}");
            return false;
        }
        var start = (int)(position - 1);
        var count = length < 0 ? all.Length - start : (int)Math.Min(length, all.Length - start);
        data = all.Slice(start, count);
        return true;
    }

    /// <summary>
    /// The headers at <paramref name="index"/>: a table of name → value, or (as real apps write them) an array of pairs,
    /// <c>{{"Accept", "text/plain"}, ...}</c> or <c>{{name = "Accept", value = "text/plain"}, ...}</c>, kept in order;
    /// values are strings or numbers. Nil or none is no headers.
    /// </summary>
    public static bool TryGetHeaders(in LuaCallContext ctx, int index, out List<KeyValuePair<string, string>> headers, out string? error)
    {
        headers = [];
        error = null;
        var type = ctx.TypeOf(index);
        if (type is LuaType.None or LuaType.Nil)
        {
            return true;
        }
        if (type != LuaType.Table || !ctx.EnsureStack(5))
        {
            error = $"{ctx.FunctionName}: argument {index} (headers) must be a table of name = value or an array of {{name, value}} pairs, got {LuaArgs.TypeName(type)}";
            return false;
        }
        var l = ctx.Thread;
        var table = index; // callers pass positive (absolute) indices
        var pairs = new SortedList<long, KeyValuePair<string, string>>();
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, table) != 0)
        {
            if (LuaNative.lua_type(l, -2) == LuaType.Number && LuaNative.lua_isinteger(l, -2) != 0 && LuaNative.lua_type(l, -1) == LuaType.Table)
            {
                var position = LuaNative.lua_tointegerx(l, -2, IntPtr.Zero);
                if (!TryReadPair(l, LuaNative.lua_gettop(l), out var pair))
                {
                    error = $"{ctx.FunctionName}: argument {index} (headers): entry {position} must be {{name, value}} (or {{name = ..., value = ...}}) with a string name and a string or number value";
                    LuaNative.Pop(l, 2);
                    return false;
                }
                pairs[position] = pair;
            }
            // Only strings and numbers: converting them never runs a metamethod.
            else if (LuaNative.lua_type(l, -2) != LuaType.String || LuaNative.lua_type(l, -1) is not (LuaType.String or LuaType.Number))
            {
                error = $"{ctx.FunctionName}: argument {index} (headers) must map header names to strings, got {LuaArgs.TypeName(LuaNative.lua_type(l, -2))} = {LuaArgs.TypeName(LuaNative.lua_type(l, -1))}";
                LuaNative.Pop(l, 2);
                return false;
            }
            else
            {
                var name = LuaNative.ToString(l, -2) ?? "";
                var value = LuaNative.lua_type(l, -1) == LuaType.Number ? NumberText(l) : LuaNative.ToString(l, -1) ?? "";
                headers.Add(new(name, value));
            }
            LuaNative.Pop(l, 1);
        }
        headers.AddRange(pairs.Values);
        return true;
    }

    // A header pair at absolute index `pair`: {name, value} or {name = ..., value = ...} (raw reads: no metamethod runs).
    private static bool TryReadPair(IntPtr l, int pair, out KeyValuePair<string, string> header)
    {
        header = default;
        LuaNative.lua_rawgeti(l, pair, 1);
        LuaNative.lua_rawgeti(l, pair, 2);
        if (LuaNative.lua_type(l, -2) == LuaType.Nil)
        {
            LuaNative.Pop(l, 2);
            LuaNative.PushString(l, "name");
            LuaNative.lua_rawget(l, pair);
            LuaNative.PushString(l, "value");
            LuaNative.lua_rawget(l, pair);
        }
        var ok = LuaNative.lua_type(l, -2) == LuaType.String && LuaNative.lua_type(l, -1) is LuaType.String or LuaType.Number;
        if (ok)
        {
            header = new(LuaNative.ToString(l, -2) ?? "", LuaNative.lua_type(l, -1) == LuaType.Number ? NumberText(l) : LuaNative.ToString(l, -1) ?? "");
        }
        LuaNative.Pop(l, 2);
        return ok;
    }

    /// <summary>Pushes <c>{statusCode = n, body = s}</c> (and <c>error = message</c> for a failed request, status 0).</summary>
    public static void PushResponse(in LuaCallContext ctx, HttpResult? response, string? error)
    {
        var l = ctx.Thread;
        LuaNative.lua_createtable(l, 0, 3);
        LuaEventTables.SetInteger(l, "statusCode", response?.StatusCode ?? 0);
        LuaNative.PushString(l, "body");
        LuaNative.PushBytes(l, response is null ? [] : response.Body);
        LuaNative.lua_rawset(l, -3);
        if (response is null)
        {
            LuaEventTables.SetString(l, "error", error ?? "the request failed");
        }
    }

    /// <summary>
    /// <c>(fd, method, url[, headers[, body]])</c>: starts the request; pushes true, or false and a message when
    /// the handle is busy. Bad arguments (method, URL, headers) fail the call.
    /// </summary>
    /// <param name="ctx">The call.</param>
    /// <param name="started">Runs after a start (the reactive API arms the handle there).</param>
    /// <returns>The callback's result.</returns>
    public static int StartRequest(LuaCallContext ctx, Action<HttpHandle>? started)
    {
        if (!TryGetHandle<HttpHandle>(ctx, 1, out var http, out var error)
            || !ctx.TryGetString(2, "method", out var method, out error)
            || !ctx.TryGetString(3, "url", out var url, out error)
            || !TryGetHeaders(ctx, 4, out var headers, out error))
        {
            return ctx.Fail(error!);
        }
        byte[]? body = null;
        if (ctx.TypeOf(5) is not (LuaType.None or LuaType.Nil))
        {
            if (!TryGetData(ctx, 5, "body", 1, -1, out var data, out error))
            {
                return ctx.Fail(error!);
            }
            body = data.ToArray();
        }
        if (http!.IsBusy)
        {
            ctx.PushBoolean(false);
            ctx.PushString("a request is already in progress on this handle");
            return 2;
        }
        if (!http.TryStart(method, url, headers, body, out error))
        {
            return ctx.Fail($"{ctx.FunctionName}: {error}");
        }
        started?.Invoke(http);
        ctx.PushBoolean(true);
        return 1;
    }

    /// <summary>The error text of a negative read/write result.</summary>
    public static string ErrorText(IoHandle handle, int status) =>
        status == IoStatus.Error ? handle.LastError ?? "error"
        : handle.IsClosed ? "closed"
        : handle is TcpHandle { State: TcpState.PeerClosed } ? "closed by the peer"
        : "not connected";

    private static string NumberText(IntPtr l)
    {
        // lua_tolstring would convert the number in place on the stack and confuse lua_next; copy it first.
        LuaNative.lua_pushvalue(l, -1);
        var text = LuaNative.ToString(l, -1) ?? "";
        LuaNative.Pop(l, 1);
        return text;
    }

    private static string Kind<T>() => typeof(T) == typeof(TcpHandle) ? "TCP socket"
        : typeof(T) == typeof(UdpHandle) ? "UDP socket"
        : typeof(T) == typeof(HttpHandle) ? "HTTP handle"
        : "socket";
}
