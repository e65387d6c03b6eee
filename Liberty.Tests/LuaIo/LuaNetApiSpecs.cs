using System.Net;
using System.Net.Sockets;
using System.Text;
using Liberty.Node.Engine;
using Liberty.Tests.Io;

namespace Liberty.Tests.LuaIo;

public sealed class LuaNetApiSpecs(ITestOutputHelper output) : LuaIoSpec(output)
{
    [Fact]
    public async Task Tcp_ReadyDataDrainClosed_CallbacksInOrder()
    {
        using var server = new LoopbackServer();
        var task = RunIo("""
            function main(port)
              local fd = Libre_NetNewTcp()
              Libre_SetOnNetReady(fd, function(tag, s)
                Libre_Log(2, tag .. " ready " .. tostring(s == fd))
                local n = Libre_NetWrite(s, "PWON\r")
                Libre_Log(2, "wrote " .. n)
              end, "t")
              Libre_SetOnNetDrain(fd, function(tag, s) Libre_Log(2, tag .. " drained") end, "t")
              Libre_SetOnNetData(fd, function(tag, s, data) Libre_Log(2, tag .. " data [" .. data .. "]") end, "t")
              Libre_SetOnNetClosed(fd, function(tag, s)
                Libre_Log(2, tag .. " closed")
                Libre_NetClose(s)
                Libre_ExitThread()
              end, "t")
              Libre_NetConnect(fd, "127.0.0.1", port)
              Libre_WaitReactive()
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        await LogLine(task, "t ready true");
        await LogLine(task, "wrote 5");
        Assert.Equal("PWON", await server.ReadUntilAsync());
        await LogLine(task, "t drained");
        await server.SendAsync("PWON\r");
        await LogLine(task, "t data [PWON\r]");
        server.Drop();
        await LogLine(task, "t closed");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(0, Io.OpenCount);
    }

    [Fact]
    public async Task Tcp_ConnectRefused_ErrorCallbackWithMessage()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var task = RunIo("""
            function main(port)
              local fd = Libre_NetNewTcp()
              Libertas_SetOnNetError(fd, function(tag, s, message)
                Libre_Log(2, "error " .. tag .. " " .. message)
                Libre_ExitThread()
              end, 5)
              Libre_NetSetConnectTimeout(fd, 2)
              Libre_NetConnect(fd, "localhost", port)
              Libre_WaitReactive()
            end
            """, "main", (long)port);
        await LogLine(task, $"error 5 connect to localhost:{port} failed");
        await Ended(task);
    }

    [Fact]
    public async Task Tcp_SetConnectTimeout_CutsAHungConnect()
    {
        using var hung = await HungListener.StartAsync();
        var task = RunIo("""
            function main(port)
              local fd = Libre_NetNewTcp()
              Libre_SetOnNetError(fd, function(tag, s, message)
                Libre_Log(2, "error " .. message)
                Libre_ExitThread()
              end)
              Libre_NetSetConnectTimeout(fd, 2.5)
              Libre_NetConnect(fd, "127.0.0.1", port)
              Libre_Log(2, "connecting")
              Libre_WaitReactive()
            end
            """, "main", (long)hung.Port);
        await LogLine(task, "connecting");
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        await LogLine(task, $"error connect to 127.0.0.1:{hung.Port} timed out after 2.5 s");
        await Ended(task);
    }

    [Fact]
    public async Task Tcp_ConnectDevice_Connects()
    {
        using var server = new LoopbackServer();
        var task = RunIo("""
            function main(port)
              local fd = Libre_NetNewTcp()
              Libre_SetOnNetReady(fd, function() Libre_Log(2, "ready"); Libre_ExitThread() end)
              Libre_NetConnectDevice(fd, 1, port)
              Libre_WaitReactive()
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        await LogLine(task, "ready");
        await Ended(task);
    }

    [Fact]
    public async Task Udp_WriteAndData_ExchangesDatagrams()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        var task = RunIo("""
            function main(peer)
              local fd = Libre_NetNewUdp(0, false)
              Libre_SetOnNetData(fd, function(tag, s, data, from)
                Libre_Log(2, "data " .. data .. " from " .. from)
                Libre_ExitThread()
              end, nil)
              local n = Libre_NetWriteUdp(fd, "ping", "127.0.0.1:" .. peer)
              Libre_Log(2, "sent " .. n)
              local bad, err = Libre_NetWriteUdp(fd, "x", "192.0.2.1:9")
              Libre_Log(2, "refused " .. bad .. " " .. err)
              Libre_WaitReactive()
            end
            """, "main", (long)peerPort);
        await LogLine(task, "sent 4");
        await LogLine(task, "refused -2 destination 192.0.2.1:9 is not allowed");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await peer.ReceiveAsync(cts.Token);
        Assert.Equal("ping", Encoding.ASCII.GetString(received.Buffer));
        await peer.SendAsync("pong"u8.ToArray(), received.RemoteEndPoint, cts.Token);
        await LogLine(task, $"data pong from 127.0.0.1:{peerPort}");
        await Ended(task);
    }

    [Fact]
    public async Task Udp_PortInUse_ReturnsNilAndMessage()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;
        var task = RunIo("""
            function main(port)
              local fd, err = Libre_NetNewUdp(port, true)
              Libre_Log(2, tostring(fd) .. " " .. err)
            end
            """, "main", (long)port);
        await LogLine(task, $"nil cannot bind UDP port {port}");
        await Ended(task);
    }

    [Theory]
    [InlineData("{}", "x-test=")]
    [InlineData("{ {\"Accept\", \"text/plain\"}, {\"X-Test\", \"pairs\"} }", "x-test=pairs")]
    [InlineData("{ {name = \"X-Test\", value = 7} }", "x-test=7")]
    [InlineData("{ [\"X-Test\"] = \"map\" }", "x-test=map")]
    public async Task Http_Response_CallbackGetsTheTable_HeadersAsMapOrPairsSent(string headers, string expected)
    {
        using var server = new LoopbackHttpServer();
        var task = RunIo($$"""
            function main(port)
              local fd = Libre_NetNewHttp()
              Libre_SetOnNetHttpResponse(fd, function(tag, s, r)
                Libre_Log(2, tag .. " " .. r.statusCode .. " " .. r.body)
                Libre_ExitThread()
              end, "h")
              Libre_NetHttpAddRequest(fd, "GET", "http://localhost:" .. port .. "/missing", {{headers}})
              Libre_WaitReactive()
            end
            """, "main", (long)server.Port);
        await LogLine(task, $"h 404 GET /missing {expected} body=");
        await Ended(task);
    }

    [Fact]
    public async Task Http_HeaderPairWithoutAName_ClearError()
    {
        var task = RunIo("""
            function main()
              Libre_NetHttpAddRequest(Libre_NetNewHttp(), "GET", "http://localhost:1/", { {1, "x"} })
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("Libre_NetHttpAddRequest: argument 4 (headers): entry 1 must be {name, value}", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_Ready_FiresOnceAtCreation_AppSendsFromIt()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        var task = RunIo("""
            function main(peer)
              local fd = Libre_NetNewUdp(0, false)
              local readies = 0
              Libre_SetOnNetReady(fd, function(tag, s)
                readies = readies + 1
                Libre_Log(2, "ready " .. tag .. " " .. readies)
                Libre_NetWriteUdp(s, "hello", "127.0.0.1:" .. peer)
              end, "u")
              Libre_SetOnNetData(fd, function(tag, s, data)
                Libre_Log(2, "data " .. data .. " readies " .. readies)
                Libre_ExitThread()
              end)
              Libre_WaitReactive()
            end
            """, "main", (long)peerPort);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await peer.ReceiveAsync(cts.Token);
        Assert.Equal("hello", Encoding.ASCII.GetString(received.Buffer));
        await peer.SendAsync("back"u8.ToArray(), received.RemoteEndPoint, cts.Token);
        await LogLine(task, "data back readies 1");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Single(Lines(task), l => l.StartsWith("ready ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NetClose_PendingData_NoCallbackFollows()
    {
        using var server = new LoopbackServer();
        var task = RunIo("""
            function main(port)
              local fd = Libre_NetNewTcp()
              Libre_SetOnNetReady(fd, function(tag, s)
                Libre_NetClose(s)
                Libre_Log(2, "closed it")
                Libre_TimerNew(1000, function() Libre_Log(2, "quiet"); Libre_ExitThread() end)
              end)
              Libre_SetOnNetData(fd, function() Libre_Log(2, "data after close") end)
              Libre_NetConnect(fd, "127.0.0.1", port)
              Libre_WaitReactive()
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        try
        {
            // Data that may already be buffered when the app closes: it must not reach a callback.
            await server.SendAsync("early");
        }
        catch (SocketException)
        {
            // The app closed first.
        }
        await LogLine(task, "closed it");
        await server.ExpectClosedAsync();
        await LogLine(task, "quiet", advance: TimeSpan.FromMilliseconds(200));
        await Ended(task);
        Assert.DoesNotContain("data after close", Lines(task));
    }

    [Theory]
    [InlineData("Libre_NetConnect(Libre_NetNewTcp(), 'h', 0)", "Libre_NetConnect: argument 3 (port) must be 1 to 65535, got 0")]
    [InlineData("Libre_NetConnect(Libre_NetNewTcp(), nil, 80)", "Libre_NetConnect: argument 2 (host)")]
    [InlineData("Libre_NetSetConnectTimeout(Libre_NetNewTcp(), -1)", "Libre_NetSetConnectTimeout: argument 2 (s) must be a positive number of seconds, got -1")]
    [InlineData("Libre_SetOnNetData(Libre_NetNewTcp(), 5)", "Libre_SetOnNetData: argument 2 (cb) must be a function or nil, got number")]
    [InlineData("Libre_SetOnNetData(Libre_IoNewTcp(), print)", "is an imperative socket")]
    [InlineData("Libre_NetWriteUdp(Libre_NetNewTcp(), 'x', '127.0.0.1:1')", "Libre_NetWriteUdp: argument 1 (fd) is not an open UDP socket of this task")]
    [InlineData("Libre_NetWrite(Libre_NetNewTcp(), nil)", "Libre_NetWrite: argument 2 (data) must be a string or an lbuffer, got nil")]
    [InlineData("Libre_NetNewUdp(70000)", "Libre_NetNewUdp: argument 1 (port) must be 0 to 65535, got 70000")]
    [InlineData("Libre_NetHttpAddRequest(Libre_NetNewHttp(), 'GET', 'http://x/', 'nope')", "Libre_NetHttpAddRequest: argument 4 (headers) must be a table of name = value or an array of {name, value} pairs, got string")]
    public async Task BadArgument_RaisesErrorNamingFunctionAndArgument(string call, string message)
    {
        var task = RunIo($"function main()\n  {call}\nend\n");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: ", task.Reason, StringComparison.Ordinal);
        Assert.Contains(message, task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoIoService_FunctionsFailClearly()
    {
        var task = Run("""
            function main()
              Libre_NetNewTcp()
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("Libre_NetNewTcp: network I/O is not enabled on this node", task.Reason, StringComparison.Ordinal);
    }
}
