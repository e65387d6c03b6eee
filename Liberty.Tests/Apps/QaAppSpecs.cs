using System.Text.RegularExpressions;
using Liberty.Node.Engine;

namespace Liberty.Tests.Apps;

public sealed class QaAppSpecs(ITestOutputHelper output) : SampleAppSpec(output, watchdog: true)
{
    [Fact]
    public async Task QaFreeze_KilledByTheWatchdog()
    {
        var id = await Start("qa", "Freeze");
        await LogLine(id, "freezing");
        // The frozen slice never ends by itself: virtual time moves while it runs until the watchdog sees it too long.
        await AwaitConditionAsync(() =>
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            return Manager.FindTask(id).Value!.State != TaskState.Running;
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(5));
        var info = Manager.FindTask(id).Value!;
        Assert.Equal(TaskState.Error, info.State);
        Assert.Matches(new Regex(@"^killed by watchdog after 1\.\d s without yielding in thread \d+$"), info.Reason);
    }

    [Fact]
    public async Task QaLogFlood_RateLimitedAndStillRunning()
    {
        var id = await Start("qa", "LogFlood", "[5000]");
        await LogLine(id, "log rate limit: ", TimeSpan.FromMilliseconds(100));
        var info = Manager.FindTask(id).Value!;
        Assert.Equal(TaskState.Running, info.State);
        Assert.True(info.Statistics.LogLinesSuppressed > 0, $"suppressed {info.Statistics.LogLinesSuppressed}");
    }

    [Fact]
    public async Task QaMemoryBomb_ErrorMemoryLimit()
    {
        var id = await Start("qa", "MemoryBomb");
        Assert.Equal(TaskState.Error, await Eventually(id, s => s != TaskState.Running));
        Assert.StartsWith("memory limit exceeded", Manager.FindTask(id).Value!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QaThreadExit_EveryThreadEndsAndTaskStopped()
    {
        var id = await Start("qa", "ThreadExit");
        await LogLine(id, "main ends (4)", TimeSpan.FromMilliseconds(10));
        Assert.Equal(TaskState.Stopped, await Eventually(id, s => s != TaskState.Running));
        var lines = Manager.GetLogs(id, 100).Value!.Select(e => e.Text).ToArray();
        Assert.Contains("returner ends (1)", lines);
        Assert.Contains(lines, l => l.StartsWith("victim ends", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("exiter ends", StringComparison.Ordinal));
        Assert.DoesNotContain("not reached", lines);
    }
}
