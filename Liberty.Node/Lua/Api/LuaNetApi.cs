using KeraLua;
using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The reactive network API (docs/app-api.md section 7): sockets whose events become callbacks
/// <c>cb(tag, fd, ...)</c> run by <c>Libre_WaitReactive</c> (<see cref="LuaNetRouting"/>).
/// </summary>
/// <remarks>
/// <para><c>Libre_NetNewTcp()</c> → fd; <c>Libre_NetNewUdp(port[, broadcast])</c> → fd, or nil, message when the port
/// cannot be bound; <c>Libre_NetNewHttp()</c> → fd. <c>Libre_NetConnect(fd, host, port)</c>,
/// <c>Libre_NetConnectDevice(fd, lanDevice[, port])</c> → true (completion: Ready, or Error with the reason);
/// <c>Libre_NetSetConnectTimeout(fd, s)</c>; <c>Libre_NetWrite(fd, data)</c> → n, err (n may be less than #data: the
/// send buffer is bounded; Drain follows once all is sent); <c>Libre_NetWriteUdp(fd, data, "ip:port")</c> → n, err;
/// <c>Libre_NetClose(fd)</c> (no callback follows); <c>Libre_NetHttpAddRequest(fd, method, url[, headers[, body]])</c>
/// → true, or false, message while a request is outstanding.</para>
/// <para>Callbacks (<c>Libre_SetOnNetX(fd, cb, tag)</c>; cb nil removes it): Ready <c>cb(tag, fd)</c>; Data
/// <c>cb(tag, fd, data)</c> with data a string (at most 64 KiB per call; UDP adds the sender "ip:port"); Drain
/// <c>cb(tag, fd)</c>; Closed <c>cb(tag, fd)</c> after the last data; Error <c>cb(tag, fd, message)</c>; HttpResponse
/// <c>cb(tag, fd, {statusCode, body})</c>, on failure <c>{statusCode = 0, body = "", error = message}</c>. A socket's
/// events go to the thread that last set one of its callbacks or connected it.</para>
/// </remarks>
internal static class LuaNetApi
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddNetApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_NetNewTcp", NewTcp)
            .Add("Libre_NetNewUdp", NewUdp)
            .Add("Libre_NetNewHttp", NewHttp)
            .Add("Libre_NetConnect", Connect)
            .Add("Libre_NetConnectDevice", ConnectDevice)
            .Add("Libre_NetSetConnectTimeout", SetConnectTimeout)
            .Add("Libre_NetWrite", Write)
            .Add("Libre_NetWriteUdp", WriteUdp)
            .Add("Libre_NetClose", Close)
            .Add("Libre_NetHttpAddRequest", HttpAddRequest)
            .Add("Libre_SetOnNetReady", static ctx => SetOn(ctx, LuaNetEvent.Ready))
            .Add("Libre_SetOnNetData", static ctx => SetOn(ctx, LuaNetEvent.Data))
            .Add("Libre_SetOnNetDrain", static ctx => SetOn(ctx, LuaNetEvent.Drain))
            .Add("Libre_SetOnNetClosed", static ctx => SetOn(ctx, LuaNetEvent.Closed))
            .Add("Libre_SetOnNetError", static ctx => SetOn(ctx, LuaNetEvent.Error))
            .Add("Libre_SetOnNetHttpResponse", static ctx => SetOn(ctx, LuaNetEvent.HttpResponse));
    }

    /// <summary>Drops the reactive state of <paramref name="handle"/> (its callbacks) before it is closed.</summary>
    public static void Forget(IoHandle handle)
    {
        if (handle.Tag is LuaNetSocket { Thread: { } thread })
        {
            foreach (var e in Enum.GetValues<LuaNetEvent>())
            {
                thread.ClearCallback(new LuaNetKey(handle, e));
            }
        }
        handle.Tag = null;
    }

    private static int NewTcp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetService(ctx, out var io, out var error))
        {
            return ctx.Fail(error!);
        }
        var tcp = io!.OpenTcp(LuaRun.Of(ctx).Engine);
        tcp.Reactive = true;
        tcp.Tag = new LuaNetSocket(tcp) { Thread = LuaThread.Of(ctx) };
        ctx.PushInteger(tcp.Id);
        return 1;
    }

    private static int NewHttp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetService(ctx, out var io, out var error))
        {
            return ctx.Fail(error!);
        }
        var http = io!.OpenHttp(LuaRun.Of(ctx).Engine);
        http.Tag = new LuaNetSocket(http) { Thread = LuaThread.Of(ctx) };
        ctx.PushInteger(http.Id);
        return 1;
    }

    private static int NewUdp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetService(ctx, out var io, out var error)
            || !ctx.TryGetOptionalInteger(1, "port", 0, out var port, out error))
        {
            return ctx.Fail(error!);
        }
        if (port is < 0 or > 65535)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 1 (port) must be 0 to 65535, got {port}");
        }
        if (!io!.TryOpenUdp(LuaRun.Of(ctx).Engine, (int)port, ctx.GetBoolean(2), out var udp, out error))
        {
            ctx.PushNil();
            ctx.PushString(error!);
            return 2;
        }
        udp!.Tag = new LuaNetSocket(udp) { Thread = LuaThread.Of(ctx) };
        ctx.PushInteger(udp.Id);
        return 1;
    }

    private static int Connect(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !ctx.TryGetString(2, "host", out var host, out error)
            || !ctx.TryGetInteger(3, "port", out var port, out error))
        {
            return ctx.Fail(error!);
        }
        if (port is < 1 or > 65535)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 3 (port) must be 1 to 65535, got {port}");
        }
        if (string.IsNullOrWhiteSpace(host))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (host) must not be empty");
        }
        var ok = tcp!.Connect(host, (int)port);
        Bind(ctx, tcp);
        ctx.PushBoolean(ok);
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
        var ok = tcp!.ConnectDevice((int)Math.Clamp(device, int.MinValue, int.MaxValue), (int)port);
        Bind(ctx, tcp);
        ctx.PushBoolean(ok);
        return 1;
    }

    private static int SetConnectTimeout(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !ctx.TryGetNumber(2, "s", out var seconds, out error))
        {
            return ctx.Fail(error!);
        }
        if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (s) must be a positive number of seconds, got {seconds}");
        }
        tcp!.ConnectTimeout = TimeSpan.FromSeconds(seconds);
        return 0;
    }

    private static int Write(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<TcpHandle>(ctx, 1, out var tcp, out var error)
            || !LuaIoArgs.TryGetData(ctx, 2, "data", 1, -1, out var data, out error))
        {
            return ctx.Fail(error!);
        }
        var n = tcp!.Write(data);
        ctx.PushInteger(n);
        if (n < 0)
        {
            ctx.PushString(LuaIoArgs.ErrorText(tcp, n));
            return 2;
        }
        return 1;
    }

    private static int WriteUdp(LuaCallContext ctx)
    {
        if (!LuaIoArgs.TryGetHandle<UdpHandle>(ctx, 1, out var udp, out var error)
            || !LuaIoArgs.TryGetData(ctx, 2, "data", 1, -1, out var data, out error)
            || !ctx.TryGetString(3, "destination", out var destination, out error))
        {
            return ctx.Fail(error!);
        }
        var n = udp!.SendTo(data, destination, out error);
        ctx.PushInteger(n);
        if (n < 0)
        {
            ctx.PushString(error ?? LuaIoArgs.ErrorText(udp, n));
            return 2;
        }
        return 1;
    }

    private static int Close(LuaCallContext ctx)
    {
        if (!ctx.TryGetInteger(1, "fd", out var fd, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaRun.Of(ctx).Services.Io is { } io && fd is > 0 and <= int.MaxValue && io.Find((int)fd, LuaRun.Of(ctx).Engine) is { } handle)
        {
            Forget(handle);
            handle.Close();
        }
        return 0;
    }

    private static int HttpAddRequest(LuaCallContext ctx)
    {
        var thread = LuaThread.Of(ctx);
        return LuaIoArgs.StartRequest(ctx, http =>
        {
            if (http.Tag is LuaNetSocket socket)
            {
                socket.Thread = thread ?? socket.Thread;
                socket.Rearm();
            }
        });
    }

    private static int SetOn(LuaCallContext ctx, LuaNetEvent e)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!LuaIoArgs.TryGetHandle<IoHandle>(ctx, 1, out var handle, out var error))
        {
            return ctx.Fail(error!);
        }
        if (handle!.Tag is not LuaNetSocket socket)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 1 (fd) {handle.Id} is an imperative socket (Libre_Io*); use Libre_SetWaitIo with it");
        }
        var key = new LuaNetKey(handle, e);
        if (ctx.TypeOf(2) is LuaType.Nil or LuaType.None)
        {
            thread.ClearCallback(key);
            return 0;
        }
        if (socket.Thread is { } previous && !ReferenceEquals(previous, thread))
        {
            Forget(handle);
            handle.Tag = socket;
        }
        if (!thread.SetCallback(key, ctx, 2, 3))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (cb) must be a function or nil, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        socket.Thread = thread;
        socket.Rearm();
        return 0;
    }

    private static void Bind(in LuaCallContext ctx, IoHandle handle)
    {
        if (handle.Tag is LuaNetSocket socket)
        {
            socket.Thread = LuaThread.Of(ctx) ?? socket.Thread;
            socket.Rearm();
        }
    }
}
