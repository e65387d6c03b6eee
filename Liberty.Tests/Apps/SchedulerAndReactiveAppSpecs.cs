using Liberty.Node.Engine;

namespace Liberty.Tests.Apps;

public sealed class SchedulerAndReactiveAppSpecs(ITestOutputHelper output) : SampleAppSpec(output, watchdog: false)
{
    [Fact]
    public async Task Scheduler_SwitchesAtTheScheduledTimes()
    {
        var id = await Start("scheduler", "Schedule", """[[{"at": 3600, "on": true}, {"at": 7200, "on": false}]]""");
        await LogLine(id, "schedule with 2 switching time(s)");
        await LogLine(id, "switch on at 01:00:00", TimeSpan.FromMinutes(5));
        await LogLine(id, "switch off at 02:00:00", TimeSpan.FromMinutes(5));
        Assert.Equal(TaskState.Running, Manager.FindTask(id).Value!.State);
    }

    [Fact]
    public async Task Reactive_BlinksThenEnds()
    {
        var id = await Start("reactive", "Blink", "[100, 4]");
        await LogLine(id, "blink 1: on", TimeSpan.FromMilliseconds(20));
        await LogLine(id, "blink 4: off", TimeSpan.FromMilliseconds(20));
        await LogLine(id, "done");
        Assert.Equal(TaskState.Stopped, await Eventually(id, s => s != TaskState.Running));
    }
}
