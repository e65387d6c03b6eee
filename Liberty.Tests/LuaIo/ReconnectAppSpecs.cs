using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Devices;
using Liberty.Tests.Io;
using Microsoft.Extensions.Logging;

namespace Liberty.Tests.LuaIo;

/// <summary>
/// An A/V receiver control app in the style of the real one: a global entry, a Libre_Wait / Libre_GetEvent drain loop,
/// and a reconnect loop that closes the socket, waits 2 s and connects the same fd again (docs/app-api.md section 7),
/// against a loopback server the spec stops and restarts.
/// </summary>
public sealed class ReconnectAppSpecs(ITestOutputHelper output) : LuaIoSpec(output)
{
    private const string Receiver = """
        local EV_IO = 10
        function ReceiverControl(avr, port)
          local fd = Libre_IoNewTcp()
          local buf = lbuffer(64)
          Libre_IoConnectDevice(fd, avr, port)
          local connected = false
          while true do
            Libre_SetWaitIo(fd, connected and 1 or 2)
            Libre_Wait(30000)
            local ev = Libre_GetEvent()
            while ev ~= nil do
              if ev.t == EV_IO and ev.id == fd then
                if ev.v < 0 then
                  Libre_Log(2, string.format("lost fd %d (%d); reconnecting", fd, ev.v))
                  connected = false
                  Libre_IoClose(fd)
                  Libre_Wait(2000)
                  Libre_IoConnectDevice(fd, avr, port)
                elseif not connected and ev.v >= 2 then
                  connected = true
                  Libre_Log(2, string.format("connected fd %d", fd))
                  Libre_IoWrite(fd, "PW?\r", 1, 4)
                else
                  local n = Libre_IoRead(fd, buf, 1, 64)
                  if n > 0 then Libre_Log(2, "got " .. buf:tostring(1, n)) end
                  if n < 0 then
                    Libre_Log(2, string.format("lost fd %d (%d); reconnecting", fd, n))
                    connected = false
                    Libre_IoClose(fd)
                    Libre_Wait(2000)
                    Libre_IoConnectDevice(fd, avr, port)
                  end
                end
              end
              ev = Libre_GetEvent()
            end
          end
        end
        """;

    [Fact]
    public async Task ReconnectLoop_ServerStoppedAndRestarted_SameFdConnectsAgain()
    {
        var server = new LoopbackServer();
        var port = server.Port;
        var task = RunIo(Receiver, "ReceiverControl", 1L, (long)port);
        try
        {
            await server.AcceptAsync();
            Assert.Equal("PW?", await server.ReadUntilAsync());
            var first = await LogLine(task, "connected fd ");
            await server.SendAsync("PWON\r");
            await LogLine(task, "got PWON");
        }
        finally
        {
            server.Dispose();
        }

        // Stopped: the app closes, waits 2 s, connects again, is refused, and keeps trying.
        await LogLine(task, "reconnecting", advance: TimeSpan.FromMilliseconds(500));
        await AwaitConditionAsync(() =>
        {
            Clock.Advance(TimeSpan.FromMilliseconds(500));
            return Lines(task).Count(l => l.Contains("reconnecting", StringComparison.Ordinal)) >= 3;
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), $"three reconnect rounds; log: {LogOf(task)}");

        using var restarted = new LoopbackServer(port);
        var accepted = restarted.AcceptAsync();
        while (!accepted.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(accepted, Task.Delay(5));
        }
        await accepted;
        Assert.Equal("PW?", await restarted.ReadUntilAsync());
        var lines = Lines(task);
        Assert.Equal(2, lines.Count(l => l.StartsWith("connected fd ", StringComparison.Ordinal)));
        Assert.Single(lines.Where(l => l.StartsWith("connected fd ", StringComparison.Ordinal)).Distinct());
        Assert.DoesNotContain(lines, l => l.Contains("not an open", StringComparison.Ordinal));
        Assert.Equal(TaskState.Running, task.State);
    }

    [Fact]
    public async Task ConnectRefused_NodeLogLine_NamesTheTaskThatConnected()
    {
        var logger = new ListLogger();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new OneLoggerProvider(logger)));
        var options = new NetworkOptions();
        options.LanDevices.Add(new LanDevice { Id = 1, Name = "avr", Host = "127.0.0.1" });
        using var io = new IoService(options, Clock, factory);
        var services = new LuaServices(Host) { Io = io };
        int port;
        using (var closed = new LoopbackServer())
        {
            port = closed.Port;
        }
        var idle = new LuaRun(services, 41, "idle/Idle", new LuaTaskDefinition("function Idle() Libre_IoNewTcp() Libre_Wait() end", "idle.lua", "Idle", []));
        idle.Start();
        var receiver = new LuaRun(services, 42, "receiver/ReceiverControl", new LuaTaskDefinition(Receiver, "receiver.lua", "ReceiverControl", [1L, (long)port]));
        receiver.Start();

        await LogLine(receiver, "reconnecting");

        string[] lines;
        lock (logger.Entries)
        {
            lines = [.. logger.Entries.Where(e => e.Id.Id == 3302).Select(e => e.Message)];
        }
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("Task 42 (receiver/ReceiverControl), TcpHandle ", l, StringComparison.Ordinal));
        Host.StopTask(idle.Engine);
    }

    private sealed class OneLoggerProvider(ListLogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Locked(logger);

        public void Dispose()
        {
        }

        private sealed class Locked(ListLogger inner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (inner.Entries)
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}
