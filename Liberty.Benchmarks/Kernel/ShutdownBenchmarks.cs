using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Liberty.Actors;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Shutting down 1 M Akka actors: one parent with 1 M idle children (created and started outside the timed
/// part), then either <c>GracefulStop</c> of the parent or <see cref="ActorSystem.Terminate"/>; the
/// invocation ends when the parent (or the system) has terminated, i.e. after every child stopped.
/// Prints "seconds" (an earlier side-by-side measurement of Akka.NET 1.5 on this machine: ≈ 10 s).
/// </summary>
[Config(typeof(KernelConfigs.Shutdown))]
public class ShutdownBenchmarks : IDisposable
{
    private const int Actors = 1_000_000;

    private readonly ChildCountdown _started = new();
    private ActorSystem _system = null!;
    private IActorRef _parent = null!;

    [IterationSetup]
    public void IterationSetup()
    {
        _system = LibertyActorSystem.Create("shutdown");
        var started = _started;
        _parent = _system.ActorOf(Props.Create(() => new ActorCreationBenchmarks.Parent(started)));
        _started.Reset(Actors);
        _parent.Tell(new ActorCreationBenchmarks.CreateMany(Actors), ActorRefs.NoSender);
        _started.Wait();
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _system.Terminate().GetAwaiter().GetResult();
        GC.Collect();
    }

    [Benchmark]
    public void GracefulStopParent()
    {
        if (!_parent.GracefulStop(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The parent of 1 M actors did not stop within 2 minutes.");
        }
    }

    [Benchmark]
    public void TerminateSystem() => _system.Terminate().GetAwaiter().GetResult();

    public void Dispose()
    {
        _started.Dispose();
        GC.SuppressFinalize(this);
    }
}
