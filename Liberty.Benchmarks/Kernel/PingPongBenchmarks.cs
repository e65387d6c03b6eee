using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using BenchmarkDotNet.Attributes;
using Liberty.Actors;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Akka ping-pong: one pair of ordinary Akka actors, one message in flight; each hop (ping or pong) counts as
/// one message. Prints "M msg/s" (and BenchmarkDotNet's mean is the time per message). Measured on Akka's
/// default dispatcher (the .NET thread pool, throughput 30) and on Liberty's cooperative dispatcher
/// (<see cref="LibertyActorSystem.CooperativeDispatcherId"/>: one OS thread, one message per slice), and for comparison on
/// Akka's own single-thread dispatcher (a <c>ForkJoinDispatcher</c> with one dedicated thread), all in a
/// system made by <see cref="LibertyActorSystem.Create"/> as the node makes it. docs/architecture.md, "Performance targets" quotes
/// Akka.NET 1.5 here at ≈ 3–5.5 M msg/s for one pair.
/// </summary>
[Config(typeof(KernelConfigs.Messaging))]
public class PingPongBenchmarks : IDisposable
{
    private const int Messages = 200_000;

    private static readonly object Ball = new();

    private readonly ManualResetEventSlim _done = new();
    private ActorSystem _system = null!;
    private IActorRef _pinger = null!;

    // Akka's own single-thread dispatcher, for comparison with the cooperative one (also one OS thread, throughput 1).
    private const string SingleThreadId = "single-thread-dispatcher";

    /// <summary>
    /// "default": Akka's <see cref="Dispatchers.DefaultDispatcherId"/>; "cooperative": <see cref="LibertyActorSystem.CooperativeDispatcherId"/>;
    /// "akka-1-thread": Akka's <c>ForkJoinDispatcher</c> on one dedicated thread, throughput 1.
    /// </summary>
    [Params("default", "cooperative", "akka-1-thread")]
    public string Dispatcher { get; set; } = "default";

    private string DispatcherId => Dispatcher switch
    {
        "cooperative" => LibertyActorSystem.CooperativeDispatcherId,
        "akka-1-thread" => SingleThreadId,
        _ => Dispatchers.DefaultDispatcherId,
    };

    [GlobalSetup]
    public void Setup()
    {
        _system = LibertyActorSystem.Create("pingpong", new LibertyActorSystemOptions
        {
            Config = ConfigurationFactory.ParseString($$"""
                {{SingleThreadId}} {
                  type = ForkJoinDispatcher
                  throughput = 1
                  dedicated-thread-pool.thread-count = 1
                }
                """),
        });
        var ponger = _system.ActorOf(Props.Create<Ponger>().WithDispatcher(DispatcherId), "ponger");
        var done = _done;
        _pinger = _system.ActorOf(Props.Create(() => new Pinger(ponger, done)).WithDispatcher(DispatcherId), "pinger");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void PingPong()
    {
        _done.Reset();
        _pinger.Tell(new Start(Messages / 2), ActorRefs.NoSender);
        _done.Wait();
    }

    public void Dispose()
    {
        _done.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed class Pinger(IActorRef ponger, ManualResetEventSlim done) : UntypedActor
    {
        private int _left;

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                _left = start.RoundTrips;
                ponger.Tell(Ball, Self);
            }
            else if (--_left > 0)
            {
                ponger.Tell(message, Self);
            }
            else
            {
                done.Set();
            }
        }
    }
}
