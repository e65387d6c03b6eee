using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Liberty.Actors;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Akka actor creation: a parent actor creates N idle children (100 k and 1 M; ordinary Akka actors on Akka's
/// default dispatcher, <c>Context.ActorOf</c> with <c>Props.Create(() =&gt; new Child(..))</c>); an invocation ends when every
/// child has run its PreStart (processed its Create). Prints "actors/s" and, measured outside the timed
/// part while the children are alive, "bytes/actor retained" (<see cref="GC.GetTotalMemory(bool)"/>
/// delta after a full collection: what an idle actor costs, including its parent's bookkeeping) and
/// "bytes/actor allocated" (<see cref="GC.GetTotalAllocatedBytes(bool)"/> delta: everything allocated to
/// create it, garbage included). docs/architecture.md, "Performance targets" quotes Akka.NET 1.5 here at ≈ 43–91 k actors/s and
/// ≈ 1.7–1.9 KB per actor.
/// </summary>
[Config(typeof(KernelConfigs.Creation))]
public class ActorCreationBenchmarks : IDisposable
{
    public const string RetainedFigure = "bytes/actor retained";
    public const string AllocatedFigure = "bytes/actor allocated";

    private readonly ChildCountdown _started = new();
    private ActorSystem _system = null!;
    private IActorRef _parent = null!;
    private long _retainedBefore;
    private long _allocatedBefore;
    private string _benchmark = "";
    private int _count;

    [GlobalSetup]
    public void Setup() => _system = LibertyActorSystem.Create("creation");

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [IterationSetup]
    public void IterationSetup()
    {
        var started = _started;
        _parent = _system.ActorOf(Props.Create(() => new Parent(started)));
        _parent.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        _retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - _retainedBefore;
        KernelFigures.Record(_benchmark, RetainedFigure, (double)retained / _count);
        KernelFigures.Record(_benchmark, AllocatedFigure, (double)allocated / _count);
        if (!_parent.GracefulStop(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The parent of the created actors did not stop within 2 minutes.");
        }
    }

    [Benchmark(OperationsPerInvoke = 100_000)]
    public void Create100k() => CreateChildren(nameof(Create100k), 100_000);

    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public void Create1M() => CreateChildren(nameof(Create1M), 1_000_000);

    private void CreateChildren(string benchmark, int count)
    {
        _benchmark = benchmark;
        _count = count;
        _started.Reset(count);
        _parent.Tell(new CreateMany(count), ActorRefs.NoSender);
        _started.Wait();
    }

    public void Dispose()
    {
        _started.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed record CreateMany(int Count);

    /// <summary>Creates the children it is asked for, from inside the actor (as actors normally do).</summary>
    public sealed class Parent(ChildCountdown started) : UntypedActor
    {
        private readonly Props _childProps = Props.Create(() => new Child(started));

        protected override void OnReceive(object message)
        {
            if (message is not CreateMany create)
            {
                Unhandled(message);
                return;
            }
            for (var i = 0; i < create.Count; i++)
            {
                Context.ActorOf(_childProps);
            }
        }
    }

    /// <summary>An idle actor: signals its start and then does nothing (its one field is the countdown).</summary>
    public sealed class Child(ChildCountdown started) : UntypedActor
    {
        protected override void PreStart() => started.Signal();

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
