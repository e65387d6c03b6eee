using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Liberty.Actors;
using Liberty.Benchmarks.Engine;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;

namespace Liberty.Benchmarks.Io;

/// <summary>
/// Round trips of a 16-byte line between a C# task on the engine (a <see cref="TcpHandle"/>, waiting with
/// level-triggered readiness events) and a loopback echo server: the cost of one request/response through
/// the I/O layer, the task's event queue and the cooperative executor. Prints "k round trips/s".
/// </summary>
[Config(typeof(Config))]
public class TcpEchoBenchmarks : IDisposable
{
    private const int RoundTrips = 1_000;
    private static readonly byte[] Line = "0123456789ABCDE\r"u8.ToArray();

    private ActorSystem _system = null!;
    private TaskHost _host = null!;
    private IoService _io = null!;
    private TcpListener _listener = null!;
    private CancellationTokenSource _stop = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new EngineOptions { WatchdogLimit = TimeSpan.Zero };
        _system = LuaEngineRig.CreateSystem("io-bench", engine);
        _host = new TaskHost(_system, engine);
        _io = new IoService(new NetworkOptions(), LibertyActorSystem.Clock(_system));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _stop = new CancellationTokenSource();
        _ = Task.Run(EchoAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _listener.Stop();
        _io.Dispose();
        _host.Dispose();
        _system.Terminate().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void RoundTrip()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _host.StartTask("echo", async ctx =>
        {
            using var tcp = _io.OpenTcp(ctx);
            tcp.Connect("127.0.0.1", port);
            await WaitIo(ctx, tcp, IoReadiness.Writable);
            var buffer = new byte[Line.Length];
            for (var i = 0; i < RoundTrips; i++)
            {
                tcp.Write(Line);
                var read = 0;
                while (read < Line.Length)
                {
                    await WaitIo(ctx, tcp, IoReadiness.Readable);
                    read += Math.Max(0, tcp.Read(buffer.AsSpan(read)));
                }
            }
            done.SetResult();
        });
        done.Task.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _stop?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task WaitIo(ITaskContext ctx, IoHandle handle, IoReadiness interest)
    {
        handle.Arm(ctx, interest);
        while (true)
        {
            while (ctx.GetEvent() is { } e)
            {
                if (e is IoEvent io && ReferenceEquals(io.Handle, handle))
                {
                    return;
                }
            }
            await ctx.Wait();
        }
    }

    private async Task EchoAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var buffer = new byte[4096];
                    try
                    {
                        int n;
                        while ((n = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                        {
                            await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                        }
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                    {
                    }
                }
            });
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(KernelConfigs.Quick ? 1 : 3).WithIterationCount(KernelConfigs.Quick ? 3 : 10));
            AddColumn(new RateColumn("k round trips/s", 1e3));
        }
    }
}
