using BenchmarkDotNet.Attributes;
using Liberty.Actors;
using Liberty.Actors.Dispatch;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Kernel ping-pong: one pair of actors, one message in flight; each hop (ping or pong) counts as one
/// message. Prints "M msg/s". Targets (DESIGN.md section 11): ≥ 8 M msg/s on the default (thread-pool)
/// dispatcher; the cooperative dispatcher (one dedicated thread) is measured for comparison.
/// </summary>
[Config(typeof(KernelConfigs.Messaging))]
public class PingPongBenchmarks : IDisposable
{
    private const int Messages = 200_000;

    private static readonly object Ball = new();

    private readonly ManualResetEventSlim _done = new();
    private ActorSystem _system = null!;
    private IActorRef _pinger = null!;

    [Params(Dispatchers.DefaultId, CooperativeDispatcher.DefaultId)]
    public string Dispatcher { get; set; } = Dispatchers.DefaultId;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong");
        var ponger = _system.ActorOf(Props.Create<Ponger>().WithDispatcher(Dispatcher), "ponger");
        _pinger = _system.ActorOf(Props.Create(() => new Pinger(ponger, _done)).WithDispatcher(Dispatcher), "pinger");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void PingPong()
    {
        _done.Reset();
        _pinger.Tell(new Start(Messages / 2), null);
        _done.Wait();
    }

    public void Dispose()
    {
        _done.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed class Pinger(IActorRef ponger, ManualResetEventSlim done) : ActorBase
    {
        private int _left;

        protected internal override bool Receive(object message)
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
            return true;
        }
    }
}
