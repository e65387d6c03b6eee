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
    private protected LuaTask Run(string source, string function = "main", params object?[] arguments)
    {
        var task = new LuaTask(Services, ++_nextId, $"spec{_nextId}", new LuaTaskDefinition(source, "app.lua", function, arguments));
        task.Start();
        return task;
    }

    /// <summary>Waits (wall clock, generous) for the task to end.</summary>
    private protected static async Task<TaskState> Ended(LuaTask task)
    {
        var ended = task.WhenEnded;
        var winner = await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(ReferenceEquals(winner, ended), $"{task} did not end within 10 s; state {task.TaskState}.");
        return await ended;
    }

    /// <summary>
    /// Waits (wall clock, generous) until the task's log has a line containing <paramref name="text"/>; with
    /// <paramref name="advance"/>, virtual time moves by that much between two looks.
    /// </summary>
    private protected async Task<TaskLogEntry> LogLine(LuaTask task, string text, TimeSpan? advance = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (task.TaskLog.Tail(int.MaxValue).FirstOrDefault(e => e.Text.Contains(text, StringComparison.Ordinal)) is { } entry)
            {
                return entry;
            }
            await Task.Delay(5);
            if (advance is { } step)
            {
                Clock.Advance(step);
            }
        }
        var lines = string.Join(" | ", task.TaskLog.Tail(50).Select(e => e.Text));
        Assert.Fail($"{task} never logged \"{text}\" in 10 s; state {task.TaskState}, reason {task.Reason}; log: {lines}");
        return null!;
    }

    /// <summary>The texts of the task's log.</summary>
    private protected static string[] Lines(LuaTask task) => [.. task.TaskLog.Tail(int.MaxValue).Select(e => e.Text)];

    /// <summary>Advances virtual time in small steps so the cooperative thread can react between them.</summary>
    private protected async Task Advance(TimeSpan total, int steps = 10)
    {
        for (var i = 0; i < steps; i++)
        {
            Clock.Advance(total / steps);
            await Task.Delay(2);
        }
    }

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
