using Liberty.Actors.Cooperative;
using Liberty.Node.Engine;
using Liberty.Tests.Support;

namespace Liberty.Tests.Engine;

/// <summary>Base of the engine specs: virtual time, a fresh cooperative dispatcher and a host per test.</summary>
public abstract class EngineSpec : LibertyTestKit
{

    protected EngineSpec(ITestOutputHelper output, EngineOptions? options = null)
        : base(output, virtualTime: true)
    {
        // The watchdog is off unless a spec asks for it: advancing virtual time while a slice is still
        // running on the cooperative thread would look to it like a slice as long as the advance.
        Host = new TaskHost(Sys, options ?? new EngineOptions { EventQueueCapacity = 4, WatchdogLimit = TimeSpan.Zero });
    }

    protected TaskHost Host { get; }

    protected CooperativeExecutor Dispatcher => Cooperative;

    /// <summary>Tells the test actor (from task code).</summary>
    protected void Report(object message) => TestActor.Tell(message, null);

    /// <summary>Starts a task on the host.</summary>
    protected TaskRun Start(Func<ITaskContext, Task> entry, string name = "spec", ThreadStartOptions? options = null) =>
        Host.StartTask(name, entry, options);

    protected static async Task<TaskState> Ended(TaskRun task)
    {
        var winner = await Task.WhenAny(task.WhenEnded, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(ReferenceEquals(winner, task.WhenEnded), $"{task} did not end within 5 s; state {task.State}, live threads {task.LiveThreads}.");
        return await task.WhenEnded;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Host.Dispose();
            base.Dispose(disposing);
        }
        else
        {
            base.Dispose(disposing);
        }
    }
}
