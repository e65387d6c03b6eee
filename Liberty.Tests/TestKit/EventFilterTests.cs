using Liberty.Actors;
using Liberty.Actors.Events;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>EventFilter: exact counts of log events, dead letters and unhandled messages; muting.</summary>
public sealed class EventFilterTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            Receive<string>(_ => throw new InvalidOperationException("crash on purpose"), s => s == "crash");
            Receive<string>(s => Context.GetLogger().Warning(s));
        }
    }

    private sealed class CapturingOutput : ITestOutputHelper
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void WriteLine(string message)
        {
            lock (_lines)
            {
                _lines.Add(message);
            }
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class Kit(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output);

    [Fact]
    public void ExpectOne_ActorLogsOneWarning_Passes()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>(), "chatty");

        EventFilter.Warning(contains: "careful", source: actor.Path.ToString()).ExpectOne(() => actor.Tell("be careful", ActorRefs.NoSender));
    }

    [Fact]
    public void ExpectOne_NoMatchingEvent_FailsSayingWhatWasExpectedAndSeen()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Warning(start: "never").ExpectOne(() => Sys.Log.Warning("something else"), Short));

        Assert.Contains("expected 1 event(s) Warning starting \"never\" but saw 0 (waited", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_ExactCount_Passes() =>
        EventFilter.Info(message: "tick").Expect(3, () =>
        {
            Sys.Log.Info("tick");
            Sys.Log.Info("tick");
            Sys.Log.Info("tock");
            Sys.Log.Info("tick");
        });

    [Fact]
    public void Expect_TooFew_Fails()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Info(message: "tick").Expect(2, () => Sys.Log.Info("tick"), Short));

        Assert.Contains("expected 2 event(s) Info message \"tick\" but saw 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_TooMany_Fails()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Error(contains: "bad").ExpectOne(() =>
        {
            Sys.Log.Error("bad one");
            Sys.Log.Error("bad two");
        }, Short));

        Assert.Contains("expected 1 event(s) Error containing \"bad\" but saw 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_ActorCrashes_MatchesTheSupervisorsErrorLog()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>());

        EventFilter.Exception<InvalidOperationException>(contains: "crash on purpose").ExpectOne(() => actor.Tell("crash", ActorRefs.NoSender));
    }

    [Fact]
    public void DeadLetter_MessageToStoppedActor_Matches()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        EventFilter.DeadLetter<string>(s => s == "too late").ExpectOne(() => actor.Tell("too late", ActorRefs.NoSender));
    }

    [Fact]
    public void Unhandled_MessageNobodyHandles_Matches()
    {
        var actor = Sys.ActorOf(Props.Create<Chatty>());

        EventFilter.Unhandled<int>(n => n == 7).ExpectOne(() => actor.Tell(7, ActorRefs.NoSender));
    }

    [Fact]
    public void Custom_Predicate_MatchesAnyEvent() =>
        EventFilter.Custom(e => e is LogEvent { Level: LogLevel.Debug } l && l.Message == "dbg", "debug dbg").ExpectOne(() => Sys.Log.Debug("dbg"));

    [Fact]
    public void Mute_WhileActive_KeepsMatchingEventsOutOfTheTestOutput()
    {
        var capture = new CapturingOutput();
        using var kit = new Kit(capture);

        using (kit.EventFilter.Warning(contains: "noisy").Mute())
        {
            kit.Sys.Log.Warning("noisy while muted");
        }
        kit.EventFilter.Warning(contains: "noisy").ExpectOne(() => kit.Sys.Log.Warning("noisy while expected"));
        kit.Sys.Log.Warning("noisy after");

        Assert.DoesNotContain(capture.Lines, l => l.Contains("while muted", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, l => l.Contains("while expected", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Contains("noisy after", StringComparison.Ordinal));
    }
}
