using Liberty.Node.Engine;
using Liberty.Tests.Io;

namespace Liberty.Tests.LuaIo;

public sealed class LuaIoApiSpecs(ITestOutputHelper output) : LuaIoSpec(output)
{
    // Waits for the I/O event of fd (any other event is ignored) and returns its v.
    private const string WaitIo = """
        local function waitIo(fd, mask)
          assert(Libre_SetWaitIo(fd, mask), "SetWaitIo refused")
          while true do
            Libre_Wait()
            local e = Libre_GetEvent()
            while e do
              if e.t == 10 and e.id == fd then return e.v end
              e = Libre_GetEvent()
            end
          end
        end

        """;

    [Fact]
    public async Task ConnectDeviceWriteRead_LineServer_Exchanges()
    {
        using var server = new LoopbackServer();
        var task = RunIo(WaitIo + """
            function main(port)
              local fd = Libre_IoNewTcp()
              Libre_IoConnectDevice(fd, 1, port)
              Libre_Log(2, "connect v=" .. waitIo(fd, 2))
              local n, err = Libre_IoWrite(fd, "xxPWON\r", 3)
              Libre_Log(2, "wrote " .. n .. " " .. tostring(err))
              Libre_Log(2, "read v=" .. waitIo(fd, 1))
              local buf = lbuffer("ab")
              n, err = Libre_IoRead(fd, buf, 3, 100, 0)
              Libre_Log(2, "read " .. n .. " " .. tostring(err) .. " [" .. buf:tostring() .. "]")
              n, err = Libre_IoRead(fd, buf, 1, 100)
              Libre_Log(2, "again " .. n)
              Libre_IoClose(fd)
              Libre_Log(2, "closed " .. tostring(Libre_SetWaitIo(fd, 1)))
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        await LogLine(task, "connect v=2");
        await LogLine(task, "wrote 5 nil");
        Assert.Equal("PWON", await server.ReadUntilAsync());
        await server.SendAsync("PWSTANDBY\r");
        await LogLine(task, "read v=1");
        await LogLine(task, "read 10 nil [abPWSTANDBY\r]");
        await LogLine(task, "again 0");
        await LogLine(task, "closed false");
        await server.ExpectClosedAsync();
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task IoWrite_LbufferWithPosAndLen_SendsTheSlice()
    {
        using var server = new LoopbackServer();
        var task = RunIo(WaitIo + """
            function main(port)
              local fd = Libertas_IoNewTcp()
              Libertas_IoConnectDevice(fd, 1, port)
              waitIo(fd, 2.0)
              local n = Libre_IoWrite(fd, lbuffer("..MVUP\r.."), 3, 5)
              Libre_Log(2, "wrote " .. n)
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        await LogLine(task, "wrote 5");
        Assert.Equal("MVUP", await server.ReadUntilAsync());
        await Ended(task);
    }

    [Fact]
    public async Task ConnectRefused_EventIsNegative_ReadReportsTheError()
    {
        var port = FreePort();
        var task = RunIo(WaitIo + """
            function main(port)
              local fd = Libre_IoNewTcp()
              Libre_IoConnectDevice(fd, 1, port)
              Libre_Log(2, "v=" .. waitIo(fd, 3))
              local n, err = Libre_IoRead(fd, lbuffer(), 1, 10)
              Libre_Log(2, "read " .. n .. " " .. err)
              n, err = Libre_IoWrite(fd, "x")
              Libre_Log(2, "write " .. n)
            end
            """, "main", (long)port);
        await LogLine(task, "v=-2");
        await LogLine(task, $"read -2 connect to 127.0.0.1:{port} failed");
        await LogLine(task, "write -2");
        await Ended(task);
    }

    [Fact]
    public async Task ConnectDevice_UnknownDevice_ErrorEventWithMessage()
    {
        var task = RunIo(WaitIo + """
            function main()
              local fd = Libre_IoNewTcp()
              Libre_IoConnectDevice(fd, 42, 23)
              Libre_Log(2, "v=" .. waitIo(fd, 2))
              local n, err = Libre_IoRead(fd, lbuffer(), 1, 10)
              Libre_Log(2, err)
            end
            """);
        await LogLine(task, "v=-2");
        await LogLine(task, "unknown LAN device 42 (Network:LanDevices)");
        await Ended(task);
    }

    [Fact]
    public async Task SetWaitIo_UnknownFd_ReturnsFalse()
    {
        var task = RunIo("""
            function main()
              Libre_Log(2, "unknown " .. tostring(Libre_SetWaitIo(99, 1)))
            end
            """);
        await LogLine(task, "unknown false");
        await Ended(task);
    }

    [Theory]
    [InlineData("Libre_IoRead(Libre_IoNewTcp(), {}, 1, 10)", "Libre_IoRead: argument 2 (buf) must be an lbuffer, got table")]
    [InlineData("Libre_IoRead(Libre_IoNewTcp(), lbuffer(), 0, 10)", "Libre_IoRead: argument 3 (pos) must be at least 1, got 0")]
    [InlineData("Libre_IoWrite(77, 'x')", "Libre_IoWrite: argument 1 (fd) is not an open TCP socket of this task (got 77)")]
    [InlineData("Libre_IoWrite(Libre_IoNewTcp(), 5)", "Libre_IoWrite: argument 2 (data) must be a string or an lbuffer, got number")]
    [InlineData("Libre_SetWaitIo(Libre_IoNewTcp(), 4)", "Libre_SetWaitIo: argument 2 (mask) must be 0 to 3")]
    [InlineData("Libre_IoConnectDevice(Libre_IoNewTcp(), 1.5, 23)", "Libre_IoConnectDevice: argument 2 (lanDevice)")]
    [InlineData("Libre_IoHttpAddRequest(Libre_IoNewHttp(), 'GET', 'ftp://x/')", "Libre_IoHttpAddRequest: \"ftp://x/\" is not an absolute http or https URL")]
    [InlineData("Libre_IoHttpAddRequest(Libre_IoNewTcp(), 'GET', 'http://127.0.0.1/')", "Libre_IoHttpAddRequest: argument 1 (fd) is not an open HTTP handle of this task")]
    public async Task BadArgument_RaisesErrorNamingFunctionAndArgument(string call, string message)
    {
        var task = RunIo($"function main()\n  {call}\nend\n");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: " + message, task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_RequestAndResponse_ThroughReadiness()
    {
        using var server = new LoopbackHttpServer();
        var task = RunIo(WaitIo + """
            function main(port)
              local fd = Libre_IoNewHttp()
              Libre_Log(2, "none " .. tostring((Libre_IoHttpGetResponse(fd))))
              local ok = Libre_IoHttpAddRequest(fd, "PUT", "http://127.0.0.1:" .. port .. "/x", { ["x-test"] = 7 }, "hi")
              local busy, why = Libre_IoHttpAddRequest(fd, "GET", "http://127.0.0.1:" .. port .. "/y")
              Libre_Log(2, "started " .. tostring(ok) .. " " .. tostring(busy) .. " " .. why)
              Libre_Log(2, "v=" .. waitIo(fd, 1))
              local ok2, r = Libre_IoHttpGetResponse(fd)
              Libre_Log(2, "got " .. tostring(ok2) .. " " .. r.statusCode .. " " .. r.body)
            end
            """, "main", (long)server.Port);
        await LogLine(task, "none false");
        await LogLine(task, "started true false a request is already in progress on this handle");
        await LogLine(task, "v=1");
        await LogLine(task, "got true 200 PUT /x x-test=7 body=hi");
        await Ended(task);
    }

    [Fact]
    public async Task Http_NotAllowed_ResponseCarriesTheError()
    {
        var task = RunIo(WaitIo + """
            function main()
              local fd = Libre_IoNewHttp()
              Libre_IoHttpAddRequest(fd, "GET", "http://192.0.2.1/")
              Libre_Log(2, "v=" .. waitIo(fd, 1))
              local ok, r = Libre_IoHttpGetResponse(fd)
              Libre_Log(2, "got " .. tostring(ok) .. " " .. r.statusCode .. " " .. r.error)
            end
            """);
        await LogLine(task, "v=-2");
        await LogLine(task, "got false 0 request to http://192.0.2.1/ failed: destination 192.0.2.1 is not allowed");
        await Ended(task);
    }

    [Fact]
    public async Task TaskEnd_OpenSocket_IsClosed()
    {
        using var server = new LoopbackServer();
        var task = RunIo(WaitIo + """
            function main(port)
              local fd = Libre_IoNewTcp()
              Libre_IoConnectDevice(fd, 1, port)
              waitIo(fd, 2)
              Libre_Log(2, "connected")
            end
            """, "main", (long)server.Port);
        await server.AcceptAsync();
        await LogLine(task, "connected");
        await Ended(task);
        await server.ExpectClosedAsync();
        // The socket closes first, then the handle leaves the service's table.
        AwaitCondition(() => Io.OpenCount == 0, TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
