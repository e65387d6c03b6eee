using Liberty.TestKit;

namespace Liberty.Tests.TestKit;

/// <summary>
/// ManualTimeProvider (event-model T5): Advance fires due timers in deadline order, ties in creation
/// order, each at its deadline, before it returns; periodic timers once per period crossed;
/// Change/Dispose; timers created by callbacks inside the span fire in the same Advance; time never
/// goes back.
/// </summary>
public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset T0 = ManualTimeProvider.DefaultStart;
    private readonly ManualTimeProvider _time = new();
    private readonly List<(string Name, TimeSpan At)> _fired = [];

    private static TimeSpan Ms(int ms) => ms < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);

    private ITimer Timer(string name, int dueMs, int periodMs = -1, Action? alsoDo = null) =>
        _time.CreateTimer(_ =>
        {
            _fired.Add((name, _time.GetUtcNow() - T0));
            alsoDo?.Invoke();
        }, null, Ms(dueMs), Ms(periodMs));

    private string Fired => string.Join(' ', _fired.Select(f => $"{f.Name}@{f.At.TotalMilliseconds}"));

    [Fact]
    public void Advance_TimersDueInsideTheSpan_FireInDeadlineOrderEachAtItsDeadline()
    {
        using var c = Timer("c", 30);
        using var a = Timer("a", 10);
        using var d = Timer("d", 50);
        using var b = Timer("b", 20);

        _time.Advance(Ms(40));

        Assert.Equal("a@10 b@20 c@30", Fired);
        Assert.Equal(T0 + Ms(40), _time.GetUtcNow());
    }

    [Fact]
    public void Advance_EqualDeadlines_FireInCreationOrder()
    {
        using var x = Timer("x", 10);
        using var y = Timer("y", 10);
        using var z = Timer("z", 10);

        _time.Advance(Ms(10));

        Assert.Equal("x@10 y@10 z@10", Fired);
    }

    [Fact]
    public void Advance_CallbacksRunOnTheAdvancingThreadBeforeItReturns()
    {
        var thread = 0;
        using var timer = _time.CreateTimer(_ => thread = Environment.CurrentManagedThreadId, null, Ms(5), Timeout.InfiniteTimeSpan);

        _time.Advance(Ms(5));

        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public void Advance_ShortOfTheDeadline_FiresNothingUntilItIsReached()
    {
        using var t = Timer("t", 10);

        _time.Advance(Ms(9));
        Assert.Empty(_fired);

        _time.Advance(Ms(1));
        Assert.Equal("t@10", Fired);
        _time.Advance(Ms(100));
        Assert.Equal("t@10", Fired);
    }

    [Fact]
    public void Advance_ZeroWithATimerDueNow_FiresIt()
    {
        using var t = Timer("now", 0);
        Assert.Empty(_fired);

        _time.Advance(TimeSpan.Zero);

        Assert.Equal("now@0", Fired);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodCrossed()
    {
        using var p = Timer("p", 10, 10);

        _time.Advance(Ms(35));
        Assert.Equal("p@10 p@20 p@30", Fired);

        _time.Advance(Ms(5));
        Assert.Equal("p@10 p@20 p@30 p@40", Fired);
    }

    [Fact]
    public void Advance_PeriodicAndOneShotOnTheSameDeadline_FireInCreationOrder()
    {
        using var periodic = Timer("p", 10, 10);
        using var oneShot = Timer("o", 20);

        _time.Advance(Ms(20));

        Assert.Equal("p@10 p@20 o@20", Fired);
    }

    [Fact]
    public void Advance_TwoPeriodicTimersMeeting_FireInCreationOrder()
    {
        using var two = Timer("two", 2, 2);
        using var three = Timer("three", 3, 3);

        _time.Advance(Ms(6));

        Assert.Equal("two@2 three@3 two@4 two@6 three@6", Fired);
    }

    [Fact]
    public void Advance_CallbackCreatesTimerDueInsideTheSpan_ItFiresInTheSameAdvance()
    {
        var created = new List<ITimer>();
        using var first = Timer("first", 10, alsoDo: () =>
        {
            created.Add(Timer("inner", 5));
            created.Add(Timer("beyond", 50));
        });

        _time.Advance(Ms(20));

        Assert.Equal("first@10 inner@15", Fired);
        Assert.Equal(1, _time.ActiveTimerCount);
        Assert.Equal(T0 + Ms(60), _time.NextDeadline);
        created.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Advance_CallbackCreatesTimerTyingWithAnOlderOne_TheOlderFiresFirst()
    {
        var created = new List<ITimer>();
        using var first = Timer("first", 10, alsoDo: () => created.Add(Timer("young", 5)));
        using var old = Timer("old", 15);

        _time.Advance(Ms(15));

        Assert.Equal("first@10 old@15 young@15", Fired);
        created.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Advance_PeriodicCallbackStopsItsOwnTimer_NoFurtherFires()
    {
        ITimer? self = null;
        var count = 0;
        self = Timer("p", 10, 10, alsoDo: () =>
        {
            if (++count == 2)
            {
                self!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        });

        _time.Advance(Ms(100));

        Assert.Equal("p@10 p@20", Fired);
        self.Dispose();
    }

    [Fact]
    public void Change_ToALaterDueTime_FiresAtTheNewDeadlineOnly()
    {
        using var t = Timer("t", 10);
        _time.Advance(Ms(5));

        Assert.True(t.Change(Ms(20), Timeout.InfiniteTimeSpan));
        _time.Advance(Ms(10));
        Assert.Empty(_fired);

        _time.Advance(Ms(10));
        Assert.Equal("t@25", Fired);
    }

    [Fact]
    public void Change_OntoAnotherTimersDeadline_TieStillFollowsCreationOrder()
    {
        using var first = Timer("first", 10);
        using var second = Timer("second", 20);

        first.Change(Ms(20), Timeout.InfiniteTimeSpan);
        _time.Advance(Ms(20));

        Assert.Equal("first@20 second@20", Fired);
    }

    [Fact]
    public void Change_ToInfinite_DisarmsAndCanRearm()
    {
        using var t = Timer("t", 10);

        t.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _time.Advance(Ms(50));
        Assert.Empty(_fired);
        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.Null(_time.NextDeadline);

        t.Change(Ms(5), Timeout.InfiniteTimeSpan);
        _time.Advance(Ms(5));
        Assert.Equal("t@55", Fired);
    }

    [Fact]
    public void Dispose_BeforeTheDeadline_NeverFiresAndChangeReturnsFalse()
    {
        var t = Timer("t", 10);
        Assert.Equal(1, _time.ActiveTimerCount);

        t.Dispose();
        _time.Advance(Ms(50));

        Assert.Empty(_fired);
        Assert.Equal(0, _time.ActiveTimerCount);
        Assert.False(t.Change(Ms(1), Timeout.InfiniteTimeSpan));
        _time.Advance(Ms(50));
        Assert.Empty(_fired);
    }

    [Fact]
    public void Time_NeverGoesBack()
    {
        var before = _time.GetTimestamp();
        _time.Advance(Ms(10));
        var after = _time.GetTimestamp();

        Assert.Throws<ArgumentOutOfRangeException>(() => _time.Advance(Ms(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _time.SetUtcNow(T0));
        Assert.Equal(T0 + Ms(10), _time.GetUtcNow());
        Assert.Equal(Ms(10), _time.GetElapsedTime(before, after));
    }

    [Fact]
    public void SetUtcNow_Forward_FiresDueTimersOnTheWay()
    {
        using var t = Timer("t", 1000);

        _time.SetUtcNow(T0 + TimeSpan.FromSeconds(2));

        Assert.Equal("t@1000", Fired);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), _time.GetUtcNow());
    }

    [Fact]
    public async Task TaskDelay_OnTheProvider_CompletesWhenAdvancedPastIt()
    {
        var delay = Task.Delay(TimeSpan.FromSeconds(5), _time);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Defaults_StartAndZone_AreFixed()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), _time.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, _time.LocalTimeZone);
        Assert.Equal(TimeSpan.TicksPerSecond, _time.TimestampFrequency);
    }
}
