using System.Diagnostics;
using Xunit.Sdk;

namespace Liberty.TestKit;

/// <summary>
/// The expectations shared by <see cref="TestKit"/> and <see cref="TestProbe"/> (Akka.TestKit's
/// API): each owns a test actor whose received messages queue up for <c>ExpectMsg</c> and friends.
/// </summary>
/// <remarks>
/// <para><b>Timeouts</b> are wall-clock waits for messages (virtual time moves only through
/// <see cref="TestKit.Advance"/>). A null timeout means: the time left in the enclosing
/// <see cref="Within(TimeSpan, Action)"/> block, else <see cref="DefaultTimeout"/> (3 s).</para>
/// <para><b>Failures</b> throw an xunit exception that says what was expected, what arrived (or that
/// nothing did), and how long was waited.</para>
/// <para>Every blocking call has an async twin (<c>...Async</c>) for async tests. Use one test
/// thread at a time per kit.</para>
/// </remarks>
public abstract partial class TestKitBase
{
    /// <summary>The default wait of an expectation: 3 s (Akka's single-expect default).</summary>
    public static readonly TimeSpan DefaultExpectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The default length of <see cref="ExpectNoMsg()"/>: 100 ms.</summary>
    public static readonly TimeSpan DefaultNoMessageWait = TimeSpan.FromMilliseconds(100);

    private readonly MessageQueue _queue = new();
    private readonly Stack<long> _withinDeadlines = new();
    private IActorRef? _testActor;
    private ActorSystem? _system;

    /// <summary>For subclasses that create the system first and then call <see cref="InitializeTestActor"/>.</summary>
    private protected TestKitBase()
    {
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys => _system ?? throw new InvalidOperationException("The test kit is not initialised.");

    /// <summary>This kit's test actor: send it messages (or pass it as a sender) and expect them here.</summary>
    public IActorRef TestActor => _testActor ?? throw new InvalidOperationException("The test kit is not initialised.");

    /// <summary>The sender of the last message received through an expectation.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>The last message received through an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>The default expectation timeout (<see cref="DefaultExpectTimeout"/> unless overridden).</summary>
    public virtual TimeSpan DefaultTimeout => DefaultExpectTimeout;

    /// <summary>Messages received and not yet expected.</summary>
    public int PendingMessageCount => _queue.Count;

    private protected void InitializeTestActor(ActorSystem system, string? name)
    {
        _system = system;
        var props = Props.Create(() => new TestActor(_queue)).WithDispatcher(Liberty.Actors.Dispatch.CallingThreadDispatcher.DefaultId);
        _testActor = system.ActorOf(props, name);
    }

    /// <summary>Watches <paramref name="actor"/> from the test actor: its <see cref="Terminated"/> will arrive here.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns>The actor.</returns>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.WatchCommand(actor), null);
        return actor;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns>The actor.</returns>
    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.UnwatchCommand(actor), null);
        return actor;
    }

    /// <summary>Installs an auto-pilot on the test actor (it runs for each message before it is queued).</summary>
    /// <param name="pilot">The pilot.</param>
    public void SetAutoPilot(AutoPilot pilot)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        TestActor.Tell(new TestActor.SetAutoPilotCommand(pilot), null);
    }

    /// <summary>Creates a probe in <see cref="Sys"/>.</summary>
    /// <param name="name">Its actor name, or null to generate one.</param>
    /// <returns>The probe.</returns>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    // ---- receiving ----

    private protected TimeSpan Effective(TimeSpan? timeout) => timeout ?? RemainingOrDefault;

    private ReceivedMessage? ReceiveOne(TimeSpan timeout)
    {
        if (_queue.TryTake(timeout, out var item))
        {
            Record(item);
            return item;
        }
        return null;
    }

    private async Task<ReceivedMessage?> ReceiveOneAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var item = await _queue.TryTakeAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (item is not null)
        {
            Record(item);
        }
        return item;
    }

    private void Record(ReceivedMessage item)
    {
        LastMessage = item.Message;
        LastSender = item.Sender;
    }

    private static XunitException Fail(string message) => new(message);

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    private static long Now() => Stopwatch.GetTimestamp();

    private static TimeSpan Since(long start) => Stopwatch.GetElapsedTime(start);
}
