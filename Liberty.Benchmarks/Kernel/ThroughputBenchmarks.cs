using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Liberty.Actors;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Akka throughput: <see cref="Pairs"/> independent ping-pong pairs of ordinary Akka actors on Akka's default
/// dispatcher, each keeping 1,000 messages in flight; every hop counts as one message, the total per invocation is
/// the same for every pair count. Prints "M msg/s". docs/architecture.md, "Performance targets" quotes Akka.NET 1.5 here at
/// ≈ 28–44 M msg/s with 2 pairs.
/// </summary>
[Config(typeof(KernelConfigs.Messaging))]
public class ThroughputBenchmarks : IDisposable
{
    private const int Messages = 2_400_000;
    private const int InFlight = 1_000;

    private static readonly object Ball = new();

    private readonly CountdownEvent _done = new(1);
    private ActorSystem _system = null!;
    private IActorRef[] _pingers = [];

    [Params(2, 4, 8)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = LibertyActorSystem.Create("throughput");
        var done = _done;
        _pingers = new IActorRef[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var ponger = _system.ActorOf(Props.Create<Ponger>());
            _pingers[i] = _system.ActorOf(Props.Create(() => new Pinger(ponger, done)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Throughput()
    {
        _done.Reset(Pairs);
        var start = new Start(Messages / 2 / Pairs);
        foreach (var pinger in _pingers)
        {
            pinger.Tell(start, ActorRefs.NoSender);
        }
        _done.Wait();
    }

    public void Dispose()
    {
        _done.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends <see cref="InFlight"/> balls, then one more per returning ball until the round trips are sent.</summary>
    public sealed class Pinger(IActorRef ponger, CountdownEvent done) : UntypedActor
    {
        private int _toSend;
        private int _toReceive;

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                _toSend = start.RoundTrips;
                _toReceive = start.RoundTrips;
                for (var i = 0; i < InFlight && _toSend > 0; i++, _toSend--)
                {
                    ponger.Tell(Ball, Self);
                }
            }
            else
            {
                if (_toSend > 0)
                {
                    _toSend--;
                    ponger.Tell(message, Self);
                }
                if (--_toReceive == 0)
                {
                    done.Signal();
                }
            }
        }
    }
}
