using System.Buffers;
using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Imperative sockets (docs/app-api.md section 7) on <see cref="IoService"/>. A thread arms interest with
/// <c>Libre_SetWaitIo(fd, mask)</c> (1 readable, 2 writable, 3 both) before each wait and sees
/// <c>{t = 10, id = fd, v = mask}</c> from <c>Libre_GetEvent()</c>; <c>v</c> is negative when the connection
/// closed (-1) or failed (-2: refused, timed out, not allowed). Reads and writes never block.
/// </summary>
/// <remarks>
/// Contracts: <c>Libre_IoNewTcp()</c> → fd (reusable across reconnects). <c>Libre_IoConnectDevice(fd, lanDevice, port)</c>
/// → true (port 0: the device's); completion = writable. <c>Libre_SetWaitIo(fd, mask)</c> → true, false when the fd is
/// closed (also after <c>Libre_IoClose</c> until it connects again) or unknown. <c>Libre_IoRead(fd, buf, pos, maxLen[, flags])</c> → n, err: n &gt; 0 bytes written into the
/// lbuffer at 1-based pos (the buffer grows), 0 would block, -1 closed, -2 error (err says why). <c>Libre_IoWrite(fd, data[,
/// pos[, len[, flags]]])</c> → n, err: data a string or lbuffer, pos 1-based (default 1), len default to the end; n may be
/// less than len (partial write), 0 when the send buffer is full. Flags are accepted and ignored. <c>Libre_IoClose(fd)</c>
/// ends a TCP connection but keeps the fd for the next <c>Libre_IoConnectDevice</c>; an HTTP fd is freed (unknown fds are
/// ignored). <c>Libre_IoNewHttp()</c> → fd; <c>Libre_IoHttpAddRequest(fd, method, url[, headers[, body]])</c> →
/// true, or false, message when a request is outstanding (completion = readable);
/// <c>Libre_IoHttpGetResponse(fd)</c> → true, <c>{statusCode, body}</c>; false, nil while none is there;
/// false, <c>{statusCode = 0, body = "", error}</c> after a failure. Bad arguments raise a Lua error naming the
/// function and argument.
/// </remarks>
internal static class LuaIoApi
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddIoApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_IoNewTcp", NewTcp)
            .Add("Libre_IoConnectDevice", ConnectDevice)
            .Add("Libre_SetWaitIo", SetWaitIo)
            .Add("Libre_IoRead", Read)
            .Add("Libre_IoWrite", Write)
            .Add("Libre_IoClose", Close)
            .Add("Libre_IoNewHttp", NewHttp)
            .Add("Libre_IoHttpAddRequest", HttpAddRequest)
            .Add("Libre_IoHttpGetResponse", HttpGetResponse);
    }

    private static int NewTcp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetService(ctx, out var io, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushInteger(io!.OpenTcp(LuaRun.Of(ctx).Engine).Id);
        return 1;
    }

    private static int NewHttp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetService(ctx, out var io, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushInteger(io!.OpenHttp(LuaRun.Of(ctx).Engine).Id);
        return 1;
    }

    private static int ConnectDevice(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !ctx.TryGetInteger(2, "lanDevice", out var device, out error)
            || !ctx.TryGetOptionalInteger(3, "port", 0, out var port, out error))
        {
            return ctx.Fail(error!);
        }
        if (port is < 0 or > 65535)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 3 (port) must be 0 to 65535, got {port}");
        }
        ctx.PushBoolean(tcp!.ConnectDevice((int)Math.Clamp(device, int.MinValue, int.MaxValue), (int)port));
        return 1;
    }

    private static int SetWaitIo(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetInteger(1, "fd", out var fd, out var error) || !ctx.TryGetInteger(2, "mask", out var mask, out error))
        {
            return ctx.Fail(error!);
        }
        if (mask is < 0 or > 3)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (mask) must be 0 to 3 (1 readable, 2 writable), got {mask}");
        }
        var handle = LuaRun.Of(ctx).Services.Io is { } io && fd is > 0 and <= int.MaxValue ? io.Find((int)fd, thread.Task.Engine) : null;
        // A connection the app closed (Libre_IoClose) is closed until it connects the fd again: nothing to wait for.
        ctx.PushBoolean(handle is not null and not TcpHandle { IsDisconnected: true } && handle.Arm(thread.Context, (IoReadiness)mask));
        return 1;
    }

    private static int Read(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !ctx.TryGetInteger(3, "pos", out var pos, out error)
            || !ctx.TryGetInteger(4, "maxLen", out var maxLen, out error))
        {
            return ctx.Fail(error!);
        }
        if (!LuaBuffer.IsBuffer(ctx, 2))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (buf) must be an lbuffer, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        if (pos < 1 || pos > LuaBuffer.MaxLength)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 3 (pos) must be at least 1, got {pos}");
        }
        if (maxLen < 0)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 4 (maxLen) must not be negative, got {maxLen}");
        }
        var want = (int)Math.Min(Math.Min(maxLen, LuaIoArgs.MaxChunk), LuaBuffer.MaxLength - (pos - 1));
        if (!ctx.State.TryReserveMemory(want + 64L))
        {
            // Read nothing rather than lose bytes the buffer could not take.
            return PushResult(ctx, IoStatus.Error, "memory limit: the buffer cannot grow");
        }
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Max(want, 1));
        try
        {
            var n = tcp!.Read(chunk.AsSpan(0, want));
            if (n > 0 && !LuaBuffer.TryWrite(ctx, 2, pos, chunk.AsSpan(0, n), out error))
            {
                return PushResult(ctx, IoStatus.Error, error!);
            }
            return PushResult(ctx, n, n < 0 ? LuaIoArgs.ErrorText(tcp, n) : null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static int Write(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !ctx.TryGetOptionalInteger(3, "pos", 1, out var pos, out error)
            || !ctx.TryGetOptionalInteger(4, "len", -1, out var len, out error)
            || !LuaIoArgs.TryGetData(ctx, 2, "data", pos, len, out var data, out error))
        {
            return ctx.Fail(error!);
        }
        var n = tcp!.Write(data);
        return PushResult(ctx, n, n < 0 ? LuaIoArgs.ErrorText(tcp, n) : null);
    }

    private static int Close(LuaCallContext ctx)
    {
        if (!ctx.TryGetInteger(1, "fd", out var fd, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaRun.Of(ctx).Services.Io is { } io && fd is > 0 and <= int.MaxValue && io.Find((int)fd, LuaRun.Of(ctx).Engine) is { } handle)
        {
            if (handle is TcpHandle tcp)
            {
                // The connection ends, the fd stays: the app connects it again (docs/app-api.md section 7).
                tcp.Disconnect();
            }
            else
            {
                LuaNetApi.Forget(handle);
                handle.Close();
            }
        }
        return 0;
    }

    private static int HttpAddRequest(LuaCallContext ctx) => LuaIoArgs.StartRequest(ctx, null);

    private static int HttpGetResponse(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<HttpHandle>(ctx, 1, out var http, out var error))
        {
            return ctx.Fail(error!);
        }
        if (!ctx.EnsureStack(4))
        {
            return ctx.Fail($"{ctx.FunctionName}: Lua stack overflow");
        }
        var failed = http!.HasUnreportedFailure;
        if (http.TryTakeResponse(out var response))
        {
            ctx.PushBoolean(true);
            LuaIoArgs.PushResponse(ctx, response, null);
            return 2;
        }
        ctx.PushBoolean(false);
        if (failed)
        {
            LuaIoArgs.PushResponse(ctx, null, http.LastError);
        }
        else
        {
            ctx.PushNil();
        }
        return 2;
    }

    private static int PushResult(in LuaCallContext ctx, int n, string? error)
    {
        ctx.PushInteger(n);
        if (error is null)
        {
            ctx.PushNil();
        }
        else
        {
            ctx.PushString(error);
        }
        return 2;
    }
}
