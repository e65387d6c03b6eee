using Akka.Actor.Setup;
using Liberty.Actors;
using Liberty.Actors.Cooperative;

namespace Liberty.Tests.Support;

/// <summary>
/// Akka.TestKit.Xunit2's <c>TestKit</c> on a system made like the node's (<see cref="LibertyActorSystem"/>):
/// Akka's scheduler on one clock — virtual (<see cref="ManualTimeProvider"/>) when asked — and the
/// cooperative dispatcher on its own executor.
/// </summary>
public abstract class LibertyTestKit : Akka.TestKit.Xunit2.TestKit
{
    private readonly CooperativeExecutor _executor;

    /// <summary>Creates the system.</summary>
    /// <param name="output">xunit's output (Akka's log goes there).</param>
    /// <param name="virtualTime">True: every timer of the system runs on <see cref="Clock"/> and moves only through <see cref="Advance"/>.</param>
    /// <param name="configure">Further changes to the system's options (hand-off threshold, configuration).</param>
    protected LibertyTestKit(ITestOutputHelper? output = null, bool virtualTime = false, Action<LibertyActorSystemOptions>? configure = null)
        : base(Setup(virtualTime, configure), "test", output)
    {
        _executor = LibertyActorSystem.Executor(Sys);
        LibertyActorSystem.ReportErrorsTo(Sys);
    }

    /// <summary>The virtual clock (only for a kit made with virtual time).</summary>
    protected ManualTimeProvider Clock => LibertyActorSystem.Clock(Sys) as ManualTimeProvider
        ?? throw new InvalidOperationException("This kit runs on real time: create it with virtualTime: true.");

    /// <summary>The system's cooperative executor.</summary>
    protected CooperativeExecutor Cooperative => _executor;

    /// <summary>Moves virtual time forward, firing due timers in deadline order before returning.</summary>
    /// <param name="delta">How far.</param>
    protected void Advance(TimeSpan delta) => Clock.Advance(delta);

    /// <summary>
    /// Waits until the cooperative executor has run everything that was ready: no ready work, no slice running. Timer
    /// callbacks of a manual clock post their work before <see cref="Advance"/> returns, so after an advance this is
    /// the moment every reaction to it has run.
    /// </summary>
    /// <param name="max">How long to wait at most (real time); default 10 s.</param>
    protected Task AwaitIdleAsync(TimeSpan? max = null) =>
        AwaitConditionAsync(() => _executor.ReadyCount == 0 && !_executor.TryGetCurrentSlice(out _), max ?? TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1), "the cooperative executor to run everything ready");

    /// <summary>Moves virtual time by <paramref name="total"/> in <paramref name="steps"/> steps, letting the cooperative thread react to each step before the next.</summary>
    /// <param name="total">How far in all.</param>
    /// <param name="steps">In how many steps.</param>
    protected async Task AdvanceInStepsAsync(TimeSpan total, int steps = 10)
    {
        for (var i = 0; i < steps; i++)
        {
            Clock.Advance(total / steps);
            await AwaitIdleAsync();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _executor.Dispose();
        }
    }

    private static ActorSystemSetup Setup(bool virtualTime, Action<LibertyActorSystemOptions>? configure)
    {
        var options = new LibertyActorSystemOptions { LogLevel = "WARNING" };
        if (virtualTime)
        {
            options.Clock = new ManualTimeProvider();
        }
        configure?.Invoke(options);
        return LibertyActorSystem.CreateSetup(options, out _);
    }
}
