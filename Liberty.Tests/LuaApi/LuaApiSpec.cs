using Liberty.Node.Apps;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Support;

namespace Liberty.Tests.LuaApi;

/// <summary>Base of the Lua API specs: virtual time, a cooperative dispatcher, a host and the Lua services per test.</summary>
public abstract class LuaApiSpec : LibertyTestKit
{
    private long _nextId;

    private protected LuaApiSpec(ITestOutputHelper output, EngineOptions? engine = null, LuaFrontEndOptions? options = null, bool virtualTime = true)
        : base(output, virtualTime)
    {
        Host = new TaskHost(Sys, engine ?? new EngineOptions { EventQueueCapacity = 8, WatchdogLimit = TimeSpan.Zero });
        Services = new LuaServices(Host) { Options = options ?? new LuaFrontEndOptions() };
    }

    private protected TaskHost Host { get; }

    private protected LuaServices Services { get; }

    /// <summary>Starts <paramref name="function"/> of <paramref name="source"/> as a task.</summary>
    private protected LuaRun Run(string source, string function = "main", params object?[] arguments)
    {
        var task = new LuaRun(Services, ++_nextId, $"spec{_nextId}", new LuaTaskDefinition(source, "app.lua", function, arguments));
        task.Start();
        return task;
    }

    /// <summary>Waits (wall clock, generous) for the task to end.</summary>
    private protected static async Task<TaskState> Ended(LuaRun task)
    {
        var ended = task.WhenEnded;
        var winner = await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(ReferenceEquals(winner, ended), $"{task} did not end within 10 s; state {task.State}.");
        return await ended;
    }

    /// <summary>
    /// Waits (wall clock, generous) until the task's log has a line containing <paramref name="text"/>; with
    /// <paramref name="advance"/>, virtual time moves by that much between two looks.
    /// </summary>
    private protected async Task<TaskLogEntry> LogLine(LuaRun task, string text, TimeSpan? advance = null)
    {
        TaskLogEntry? found = null;
        await AwaitConditionAsync(async () =>
        {
            found = task.TaskLog.Tail(int.MaxValue).FirstOrDefault(e => e.Text.Contains(text, StringComparison.Ordinal));
            if (found is null && advance is { } step)
            {
                Clock.Advance(step);
                await AwaitIdleAsync();
            }
            return found is not null;
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), $"{task} to log \"{text}\" (state {task.State}, reason {task.Reason}; log: {string.Join(" | ", task.TaskLog.Tail(50).Select(e => e.Text))})");
        return found!;
    }

    /// <summary>The texts of the task's log.</summary>
    private protected static string[] Lines(LuaRun task) => [.. task.TaskLog.Tail(int.MaxValue).Select(e => e.Text)];

    /// <summary>
    /// Moves virtual time by <paramref name="step"/> until the task ended: a slice that never yields ends only once the
    /// watchdog has seen it run long enough, and the clock can move only while that slice still runs.
    /// </summary>
    private protected Task AdvanceUntilEnded(LuaRun task, TimeSpan step) =>
        AwaitConditionAsync(() =>
        {
            if (task.WhenEnded.IsCompleted)
            {
                return true;
            }
            Clock.Advance(step);
            return false;
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(5), $"{task} to end");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var task in Host.Tasks)
            {
                Host.StopTask(task);
            }
            Host.Dispose();
            base.Dispose(disposing);
        }
        else
        {
            base.Dispose(disposing);
        }
    }
}
