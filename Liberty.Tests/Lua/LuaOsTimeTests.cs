using Liberty.Node.Lua;
using Liberty.Tests.Support;

namespace Liberty.Tests.Lua;

public class LuaOsTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 30, 15, TimeSpan.Zero);

    private static (LuaState State, LuaCoroutine Thread) Ticker(ManualTimeProvider time)
    {
        var state = LuaTestState.Create(time: time);
        var thread = LuaTestState.Start(state, """
            function main()
              while true do coroutine.yield(os.msticks(), os.utcnow(), os.time(), os.clock()) end
            end
            """);
        return (state, thread);
    }

    [Fact]
    public void Clock_AdvancedVirtually_FunctionsFollowTheProvider()
    {
        var time = new ManualTimeProvider(Start);
        var (state, thread) = Ticker(time);
        using (state)
        {
            thread.Resume();
            var ms = (long)thread.GetValue(1)!;
            Assert.Equal(Start.ToUnixTimeMilliseconds() / 1000.0, (double)thread.GetValue(2)!);
            Assert.Equal(Start.ToUnixTimeSeconds(), thread.GetValue(3));
            Assert.Equal(0.0, thread.GetValue(4));

            time.Advance(TimeSpan.FromMilliseconds(1500));
            thread.Resume();
            Assert.Equal(ms + 1500, thread.GetValue(1));
            Assert.Equal(Start.ToUnixTimeSeconds() + 1.5, (double)thread.GetValue(2)!);
            Assert.Equal(Start.ToUnixTimeSeconds() + 1, thread.GetValue(3));
            Assert.Equal(1.5, thread.GetValue(4));
        }
    }

    [Fact]
    public void Date_LocalZone_UsesProviderZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "TST");
        using var state = LuaTestState.Create(time: new ManualTimeProvider(Start, zone));
        var result = LuaTestState.Run(state, """
            local t = os.date("*t")
            return os.date("%Y-%m-%d %H:%M:%S %z %Z"), os.date("!%H:%M"), t.hour, t.wday, t.yday, os.date("%c", 0), os.date("%A %B %j %p")
            """, out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal("2026-03-01 14:30:15 +0200 TST", thread.GetValue(1));
        Assert.Equal("12:30", thread.GetValue(2));
        Assert.Equal(14L, thread.GetValue(3));
        Assert.Equal(1L, thread.GetValue(4));
        Assert.Equal(60L, thread.GetValue(5));
        Assert.Equal("Thu Jan  1 02:00:00 1970", thread.GetValue(6));
        Assert.Equal("Sunday March 060 PM", thread.GetValue(7));
    }

    [Fact]
    public void Time_Table_ConvertedInProviderZoneWithNormalisation()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test-5", TimeSpan.FromHours(-5), "Test-5", "T5");
        using var state = LuaTestState.Create(time: new ManualTimeProvider(Start, zone));
        var result = LuaTestState.Run(state, """
            return os.time({ year = 2026, month = 1, day = 1, hour = 0 }),
                   os.time({ year = 2025, month = 13, day = 1, hour = 0 }),
                   os.time({ year = 2026, month = 1, day = 1 }),
                   os.difftime(10, 4)
            """, out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        var expected = new DateTimeOffset(2026, 1, 1, 5, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(expected, thread.GetValue(1));
        Assert.Equal(expected, thread.GetValue(2));
        Assert.Equal(expected + (12 * 3600), thread.GetValue(3));
        Assert.Equal(6.0, thread.GetValue(4));
    }

    [Fact]
    public void Time_MissingField_ClearError() =>
        Assert.Contains("field 'day' missing in date table", LuaTestState.Error("os.time({ year = 2026, month = 1 })"), StringComparison.Ordinal);
}
