using Liberty.Actors;
using Liberty.Actors.Supervision;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>Supervisor strategies: directives, one-for-one vs all-for-one, retry budget, default decider.</summary>
public sealed class SupervisionTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public sealed record Fail(Exception Cause);

    public sealed record Count(int Value, IActorRef Self);

    private sealed class ResumeMeException(string message) : Exception(message);

    private sealed class RestartMeException(string message) : Exception(message);

    private sealed class StopMeException(string message) : Exception(message);

    private sealed class EscalateMeException(string message) : Exception(message);

    private static Directive Decide(Exception e) => e switch
    {
        ResumeMeException => Directive.Resume,
        RestartMeException => Directive.Restart,
        StopMeException => Directive.Stop,
        EscalateMeException => Directive.Escalate,
        _ => SupervisorStrategy.DefaultDecider(e),
    };

    /// <summary>Creates children on request (replying with the ref) and supervises them with the given strategy.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
            Receive<Fail>(f => throw f.Cause);
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private sealed class Worker : ReceiveActor
    {
        private int _count;

        public Worker(IActorRef? restarts)
        {
            Receive<Fail>(f => throw f.Cause);
            Receive<string>(_ => _count++, s => s == "inc");
            Receive<string>(_ => Sender.Tell(new Count(_count, Self)), s => s == "get");
            Restarts = restarts;
        }

        private IActorRef? Restarts { get; }

        protected internal override void PostRestart(Exception reason)
        {
            Restarts?.Tell($"restarted:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    private IActorRef Supervise(SupervisorStrategy strategy, out IActorRef supervisor, IActorRef? restarts = null, string? name = null)
    {
        supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)), name);
        return Child(supervisor, restarts);
    }

    private IActorRef Child(IActorRef supervisor, IActorRef? restarts = null)
    {
        supervisor.Tell(Props.Create(() => new Worker(restarts)), TestActor);
        return ExpectMsg<IActorRef>();
    }

    private int CountOf(IActorRef worker)
    {
        worker.Tell("get", TestActor);
        return ExpectMsg<Count>().Value;
    }

    private static void Inc(IActorRef worker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            worker.Tell("inc", null);
        }
    }

    [Fact]
    public void OneForOne_Resume_StateKept()
    {
        var worker = Supervise(new OneForOneStrategy(Decide), out _);
        Inc(worker, 2);

        EventFilter.Warning(contains: "ResumeMeException").ExpectOne(() => worker.Tell(new Fail(new ResumeMeException("keep going")), null));

        Assert.Equal(2, CountOf(worker));
    }

    [Fact]
    public void OneForOne_Restart_StateResetRefKept()
    {
        var worker = Supervise(new OneForOneStrategy(Decide), out _);
        Inc(worker, 2);

        EventFilter.Exception<RestartMeException>().ExpectOne(() => worker.Tell(new Fail(new RestartMeException("again")), null));

        worker.Tell("get", TestActor);
        var count = ExpectMsg<Count>();
        Assert.Equal(0, count.Value);
        Assert.Equal(worker, count.Self);
    }

    [Fact]
    public void OneForOne_Stop_ChildTerminatedSiblingUntouched()
    {
        var worker = Supervise(new OneForOneStrategy(Decide), out var supervisor);
        var sibling = Child(supervisor);
        Inc(sibling, 3);
        Watch(worker);

        EventFilter.Exception<StopMeException>().ExpectOne(() => worker.Tell(new Fail(new StopMeException("enough")), null));

        ExpectTerminated(worker);
        Assert.Equal(3, CountOf(sibling));
    }

    [Fact]
    public void OneForOne_Restart_SiblingKeepsState()
    {
        var worker = Supervise(new OneForOneStrategy(Decide), out var supervisor);
        var sibling = Child(supervisor);
        Inc(worker, 1);
        Inc(sibling, 3);

        EventFilter.Exception<RestartMeException>().ExpectOne(() => worker.Tell(new Fail(new RestartMeException("only me")), null));

        Assert.Equal(0, CountOf(worker));
        Assert.Equal(3, CountOf(sibling));
    }

    [Fact]
    public void AllForOne_Restart_EverySiblingRestarted()
    {
        var worker = Supervise(new AllForOneStrategy(Decide), out var supervisor);
        var sibling = Child(supervisor);
        Inc(worker, 1);
        Inc(sibling, 3);
        Assert.Equal(3, CountOf(sibling));

        EventFilter.Exception<RestartMeException>().ExpectOne(() => worker.Tell(new Fail(new RestartMeException("all of us")), null));

        Assert.Equal(0, CountOf(worker));
        Assert.Equal(0, CountOf(sibling));
    }

    [Fact]
    public void AllForOne_Stop_EverySiblingStopped()
    {
        var worker = Supervise(new AllForOneStrategy(Decide), out var supervisor);
        var sibling = Child(supervisor);
        Watch(worker);
        Watch(sibling);

        EventFilter.Exception<StopMeException>().ExpectOne(() => worker.Tell(new Fail(new StopMeException("all stop")), null));

        var stopped = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.True(stopped.SetEquals([worker, sibling]), "both children stopped");
    }

    [Fact]
    public void AllForOne_Resume_OnlyFailedChildResumedOthersKeepState()
    {
        var worker = Supervise(new AllForOneStrategy(Decide), out var supervisor);
        var sibling = Child(supervisor);
        Inc(worker, 1);
        Inc(sibling, 2);

        EventFilter.Warning(contains: "ResumeMeException").ExpectOne(() => worker.Tell(new Fail(new ResumeMeException("fine")), null));

        Assert.Equal(1, CountOf(worker));
        Assert.Equal(2, CountOf(sibling));
    }

    [Fact]
    public void Escalate_ChildFailure_SupervisorsParentDecides()
    {
        var decided = CreateTestProbe("decided");
        var top = new OneForOneStrategy(e =>
        {
            decided.Ref.Tell(e);
            return Directive.Stop;
        });
        var topSupervisor = Sys.ActorOf(Props.Create(() => new Supervisor(top)), "top");
        topSupervisor.Tell(Props.Create(() => new Supervisor(new OneForOneStrategy(Decide))), TestActor);
        var escalating = ExpectMsg<IActorRef>();
        var worker = Child(escalating);
        Watch(escalating);
        Watch(worker);
        var cause = new EscalateMeException("not my call");

        EventFilter.Exception<EscalateMeException>().ExpectOne(() => worker.Tell(new Fail(cause), null));

        Assert.Same(cause, decided.ExpectMsg<EscalateMeException>());
        var stopped = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.True(stopped.SetEquals([escalating, worker]), "the escalating supervisor and its child stopped");
        decided.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void RetryBudget_MoreFailuresThanRetriesWithinWindow_ChildStopped()
    {
        var restarts = CreateTestProbe("restarts");
        var worker = Supervise(new OneForOneStrategy(2, Window, Decide, loggingEnabled: false), out _, restarts.Ref);
        Watch(worker);

        worker.Tell(new Fail(new RestartMeException("1")), null);
        worker.Tell(new Fail(new RestartMeException("2")), null);
        worker.Tell(new Fail(new RestartMeException("3")), null);

        restarts.ExpectMsg("restarted:1");
        restarts.ExpectMsg("restarted:2");
        ExpectTerminated(worker);
        restarts.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void RetryBudget_WindowPassedBetweenFailures_CountResetsAndChildRestarts()
    {
        var restarts = CreateTestProbe("restarts");
        var worker = Supervise(new OneForOneStrategy(2, Window, Decide, loggingEnabled: false), out _, restarts.Ref);
        worker.Tell(new Fail(new RestartMeException("1")), null);
        worker.Tell(new Fail(new RestartMeException("2")), null);
        restarts.ExpectMsg("restarted:1");
        restarts.ExpectMsg("restarted:2");

        Advance(Window + TimeSpan.FromTicks(1));
        worker.Tell(new Fail(new RestartMeException("3")), null);

        restarts.ExpectMsg("restarted:3");
        worker.Tell("inc", null);
        Assert.Equal(1, CountOf(worker));
    }

    [Fact]
    public void RetryBudget_FailureExactlyAtWindowEnd_StillCountedAndChildStopped()
    {
        var restarts = CreateTestProbe("restarts");
        var worker = Supervise(new OneForOneStrategy(2, Window, Decide, loggingEnabled: false), out _, restarts.Ref);
        Watch(worker);
        worker.Tell(new Fail(new RestartMeException("1")), null);
        worker.Tell(new Fail(new RestartMeException("2")), null);
        restarts.ExpectMsg("restarted:1");
        restarts.ExpectMsg("restarted:2");

        Advance(Window);
        worker.Tell(new Fail(new RestartMeException("3")), null);

        ExpectTerminated(worker);
    }

    [Fact]
    public void RetryBudget_ZeroRetries_FirstFailureStops()
    {
        var worker = Supervise(new OneForOneStrategy(0, null, Decide, loggingEnabled: false), out _);
        Watch(worker);

        worker.Tell(new Fail(new RestartMeException("once")), null);

        ExpectTerminated(worker);
    }

    [Fact]
    public void DefaultStrategy_Kill_ChildStoppedWithActorKilledException()
    {
        var worker = Supervise(SupervisorStrategy.Default, out _);
        Watch(worker);

        EventFilter.Exception<ActorKilledException>().ExpectOne(() => worker.Tell(Kill.Instance, null));

        ExpectTerminated(worker);
    }

    [Fact]
    public void DefaultStrategy_OrdinaryException_ChildRestarted()
    {
        var worker = Sys.ActorOf(Props.Create(() => new Worker(null)));
        Inc(worker, 4);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => worker.Tell(new Fail(new InvalidOperationException("oops")), null));

        Assert.Equal(0, CountOf(worker));
    }

    [Theory]
    [InlineData(typeof(ActorInitializationException), Directive.Stop)]
    [InlineData(typeof(ActorKilledException), Directive.Stop)]
    [InlineData(typeof(DeathPactException), Directive.Stop)]
    [InlineData(typeof(InvalidOperationException), Directive.Restart)]
    [InlineData(typeof(ArgumentException), Directive.Restart)]
    public void DefaultDecider_ExceptionType_AkkaDirective(Type exceptionType, Directive expected) =>
        Assert.Equal(expected, SupervisorStrategy.DefaultDecider((Exception)Activator.CreateInstance(exceptionType)!));

    [Fact]
    public void PropsWithSupervisorStrategy_OverridesActorsOwnStrategy()
    {
        var restartingProps = Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart)))
            .WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);
        var supervisor = Sys.ActorOf(restartingProps);
        var worker = Child(supervisor);
        Watch(worker);

        EventFilter.Exception<RestartMeException>().ExpectOne(() => worker.Tell(new Fail(new RestartMeException("overridden")), null));

        ExpectTerminated(worker);
    }

    [Fact]
    public void Decider_Throws_FailureEscalated()
    {
        var inner = new OneForOneStrategy(_ => throw new InvalidOperationException("decider broke"));
        var top = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(-1, null, _ => Directive.Stop, loggingEnabled: false))));
        top.Tell(Props.Create(() => new Supervisor(inner)), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var worker = Child(middle);
        Watch(middle);

        worker.Tell(new Fail(new RestartMeException("who decides?")), null);

        ExpectTerminated(middle);
    }
}
