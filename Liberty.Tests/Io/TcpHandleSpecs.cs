using System.Net;
using System.Net.Sockets;
using System.Text;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class TcpHandleSpecs(ITestOutputHelper output) : IoSpec(output, o =>
{
    o.SendBufferBytes = 16;
    o.ReceiveBufferBytes = 8;
    o.LanDevices.Add(new LanDevice { Id = 7, Name = "avr", Host = "127.0.0.1", Port = 0 });
})
{
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Connect_LoopbackListener_ReportsWritable()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            Report(tcp.State);
            Report(await WaitIo(ctx, tcp, IoReadiness.Writable));
            Report(tcp.State);
        });
        // Connect does not block: right after it the socket is connecting, or already connected on a fast loopback.
        Assert.Contains(ExpectMsg<TcpState>(), new[] { TcpState.Connecting, TcpState.Connected });
        await server.AcceptAsync();
        ExpectMsg(2, SocketTimeout);
        ExpectMsg(TcpState.Connected);
    }

    [Fact]
    public async Task ReadWrite_LineServer_ExchangesBytes()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("localhost", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report(tcp.Write("PWON\r"u8));
            Assert.Equal(1, await WaitIo(ctx, tcp, IoReadiness.Readable));
            var buffer = new byte[8];
            var n = tcp.Read(buffer);
            Report(Encoding.ASCII.GetString(buffer, 0, n));
            Report(tcp.Read(buffer));
        });
        await server.AcceptAsync();
        ExpectMsg(5, SocketTimeout);
        Assert.Equal("PWON", await server.ReadUntilAsync());
        await server.SendAsync("PWON\r");
        ExpectMsg("PWON\r", SocketTimeout);
        ExpectMsg(IoStatus.WouldBlock);
    }

    [Fact]
    public void Connect_NobodyListening_ReportsErrorEventAndMessage()
    {
        var port = FreePort();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", port);
            Report(await WaitIo(ctx, tcp, IoReadiness.Readable | IoReadiness.Writable));
            Report(tcp.LastError ?? "no error");
            Report(tcp.Read(new byte[4]));
        });
        ExpectMsg(IoStatus.Error, SocketTimeout);
        ExpectMsg<string>(m => Assert.Contains($"connect to 127.0.0.1:{port} failed", m, StringComparison.Ordinal));
        ExpectMsg(IoStatus.Error);
    }

    [Fact]
    public void Connect_DestinationNotAllowed_ReportsPolicyRefusal()
    {
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("192.0.2.1", 80);
            Report(await WaitIo(ctx, tcp, IoReadiness.Writable));
            Report(tcp.LastError ?? "no error");
        });
        ExpectMsg(IoStatus.Error, SocketTimeout);
        ExpectMsg<string>(m => Assert.Contains("192.0.2.1 is not allowed by the node's network policy", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PeerClose_WithDataBuffered_ReadsDataThenReportsClosed()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report("connected");
            var text = new StringBuilder();
            var buffer = new byte[3];
            while (true)
            {
                var v = await WaitIo(ctx, tcp, IoReadiness.Readable);
                if (v < 0)
                {
                    Report(v);
                    break;
                }
                int n;
                while ((n = tcp.Read(buffer)) > 0)
                {
                    text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
            }
            Report(text.ToString());
            Report(tcp.Read(buffer));
            Report(tcp.State);
        });
        await server.AcceptAsync();
        ExpectMsg("connected", SocketTimeout);
        await server.SendAsync("bye bye, a longer farewell");
        server.Drop();
        ExpectMsg(IoStatus.Closed, SocketTimeout);
        ExpectMsg("bye bye, a longer farewell");
        ExpectMsg(IoStatus.Closed);
        ExpectMsg(TcpState.PeerClosed);
    }

    [Fact]
    public async Task Arm_ConditionStillHolds_DeliversAgain()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report("connected");
            Report(await WaitIo(ctx, tcp, IoReadiness.Readable));
            // Nothing was read: the level still holds, so re-arming delivers at once.
            Report(await WaitIo(ctx, tcp, IoReadiness.Readable | IoReadiness.Writable));
        });
        await server.AcceptAsync();
        ExpectMsg("connected", SocketTimeout);
        await server.SendAsync("x");
        ExpectMsg(1, SocketTimeout);
        ExpectMsg(3, SocketTimeout);
    }

    [Fact]
    public async Task Write_MoreThanTheSendBuffer_IsPartialAndAllArrives()
    {
        using var server = new LoopbackServer();
        var payload = Encoding.ASCII.GetBytes(new string('a', 20) + new string('b', 20));
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            var first = tcp.Write(payload);
            Report(first);
            var written = first;
            while (written < payload.Length)
            {
                await WaitIo(ctx, tcp, IoReadiness.Writable);
                written += tcp.Write(payload.AsSpan(written));
            }
            Report(written);
            // Stay alive: the task's end closes its sockets, and this spec is about the bytes, not the close.
            await ctx.Wait();
        });
        await server.AcceptAsync();
        ExpectMsg(16, SocketTimeout);
        ExpectMsg(40, SocketTimeout);
        Assert.Equal(payload, await server.ReadExactlyAsync(40));
    }

    [Fact]
    public async Task Read_MoreThanTheReceiveBuffer_ArrivesInBufferSizedPieces()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report("connected");
            var text = new StringBuilder();
            var largest = 0;
            var buffer = new byte[64];
            while (text.Length < 100)
            {
                await WaitIo(ctx, tcp, IoReadiness.Readable);
                var n = tcp.Read(buffer);
                largest = Math.Max(largest, n);
                text.Append(Encoding.ASCII.GetString(buffer, 0, Math.Max(n, 0)));
            }
            Report(largest);
            Report(text.ToString());
        });
        await server.AcceptAsync();
        ExpectMsg("connected", SocketTimeout);
        var sent = string.Concat(Enumerable.Range(0, 10).Select(i => $"line {i:00}..\n"));
        await server.SendAsync(sent);
        ExpectMsg(8, SocketTimeout);
        ExpectMsg(sent);
    }

    [Fact]
    public async Task ConnectDevice_ConfiguredLanDevice_ConnectsToItsHost()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.ConnectDevice(7, server.Port);
            Report(await WaitIo(ctx, tcp, IoReadiness.Writable));
        });
        await server.AcceptAsync();
        ExpectMsg(2, SocketTimeout);
    }

    [Fact]
    public void ConnectDevice_UnknownDevice_ReportsError()
    {
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.ConnectDevice(99, 23);
            Report(await WaitIo(ctx, tcp, IoReadiness.Writable));
            Report(tcp.LastError ?? "no error");
        });
        ExpectMsg(IoStatus.Error, SocketTimeout);
        ExpectMsg("unknown LAN device 99 (Network:LanDevices)");
    }

    [Fact]
    public async Task Connect_Again_ReplacesTheConnection()
    {
        using var server = new LoopbackServer();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report("first");
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report(tcp.Write("again\r"u8));
            // Stay alive: the task's end closes its sockets, and this spec is about the reconnect, not the close.
            await ctx.Wait();
        });
        await server.AcceptAsync();
        ExpectMsg("first", SocketTimeout);
        await server.ExpectClosedAsync();
        await server.AcceptAsync();
        ExpectMsg(6, SocketTimeout);
        Assert.Equal("again", await server.ReadUntilAsync());
    }

    [Fact]
    public async Task TaskEnd_OpenConnection_IsClosed()
    {
        using var server = new LoopbackServer();
        var task = Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", server.Port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            Report(tcp.Id);
            await ctx.Wait();
        });
        await server.AcceptAsync();
        var id = ExpectMsg<int>(SocketTimeout);
        Assert.Equal(1, Io.OpenCount);
        Host.StopTask(task);
        await Ended(task);
        await server.ExpectClosedAsync();
        Assert.Equal(0, Io.OpenCount);
        Assert.Null(Io.Find(id, task));
    }

    [Fact]
    public async Task Connect_ServerNeverAnswers_TimesOutOnTheEngineClock()
    {
        using var hung = await HungListener.StartAsync();
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            tcp.ConnectTimeout = TimeSpan.FromSeconds(3);
            tcp.Connect("127.0.0.1", hung.Port);
            Report("connecting");
            Report(await WaitIo(ctx, tcp, IoReadiness.Writable));
            Report(tcp.LastError ?? "no error");
        });
        ExpectMsg("connecting");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsg(IoStatus.Error, SocketTimeout);
        ExpectMsg($"connect to 127.0.0.1:{hung.Port} timed out after 3 s");
    }

    [Fact]
    public void Arm_NeverConnected_ReportsClosedAtOnce()
    {
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            Report(await WaitIo(ctx, tcp, IoReadiness.Readable));
            Report(tcp.Read(new byte[1]));
        });
        ExpectMsg(IoStatus.Closed);
        ExpectMsg(IoStatus.Closed);
    }

    [Fact]
    public void Ids_AfterClose_LowestFreeIdIsReused()
    {
        Start(ctx =>
        {
            var a = Io.OpenTcp(ctx);
            var b = Io.OpenHttp(ctx);
            a.Close();
            var c = Io.OpenTcp(ctx);
            Report((a.Id, b.Id, c.Id, a.Arm(ctx, IoReadiness.Readable), a.Write("x"u8)));
            return Task.CompletedTask;
        });
        ExpectMsg((1, 2, 1, false, IoStatus.Closed));
    }

    [Fact]
    public void Find_AnotherTasksHandle_ReturnsNull()
    {
        Start(async ctx =>
        {
            var tcp = Io.OpenTcp(ctx);
            Report(tcp.Id);
            await ctx.Wait();
        }, "owner");
        var id = ExpectMsg<int>();
        Start(ctx =>
        {
            Report(Io.Find(id, ctx.Task) is null);
            return Task.CompletedTask;
        }, "other");
        ExpectMsg(true);
    }
}
