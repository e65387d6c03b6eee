using Liberty.Node.Apps;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Support;

namespace Liberty.Tests.Apps;

/// <summary>
/// The manager with an app that will not yield, on the real clock: its state changes are stored before they take
/// effect, and a stuck task never holds up the manager. Bounds are generous; nothing asserts on speed.
/// </summary>
public sealed class TaskManagerHardeningSpecs : LibertyTestKit
{
    private const string Spinner = """
        function spin()
          Libre_Log(2, "spinning")
          local n = 0
          while true do n = n + 1 end
        end
        function idle() Libre_Log(2, "idle") Libre_Wait() end
        """;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RecordingTaskStore _store = new();
    private TaskHost _host = null!;
    private TaskManager _manager = null!;

    public TaskManagerHardeningSpecs(ITestOutputHelper output)
        : base(output)
    {
    }

    // The watchdog at 300 ms, or off (zero) for a task that no watchdog ends.
    private void StartManager(TimeSpan watchdog)
    {
        _host = new TaskHost(Sys, new EngineOptions { WatchdogLimit = watchdog, WatchdogCheckInterval = TimeSpan.FromMilliseconds(20) });
        _manager = new TaskManager(new LuaServices(_host) { Store = _store });
    }

    [Fact]
    public async Task Watchdog_LoopingTask_ErrorIsStoredBeforeTheKillLands()
    {
        var saving = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _store.SaveTaskHook = record =>
        {
            if (record.State != TaskState.Error)
            {
                return Task.CompletedTask;
            }
            saving.TrySetResult();
            return release.Task;
        };
        StartManager(TimeSpan.FromMilliseconds(300));
        await _manager.DeployAppAsync("app", Spinner);
        var id = (await _manager.StartTaskAsync("app", "spin")).Value!.Id;

        await saving.Task.WaitAsync(Patience);
        // The Error is being stored: the kill waits for it, so the loop still runs.
        Assert.Contains(_host.Executor.GetRunningSlices(), s => s.Context?.Group is TaskRun task && task.Name == "app/spin");
        release.SetResult();

        AwaitCondition(() => !_host.Executor.GetRunningSlices().Any(s => s.Context?.Group is TaskRun { Name: "app/spin" }), Patience);
        AwaitCondition(() => _manager.FindTask(id).Value!.State == TaskState.Error, Patience);
        Assert.Equal(TaskState.Error, _store.StoredTask(id)!.State);
        Assert.Contains("killed by watchdog", _store.StoredTask(id)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Force_TaskThatIgnoresItsStop_DeletedAtOnceAndItsLoopEnds()
    {
        StartManager(TimeSpan.Zero);
        await _manager.DeployAppAsync("app", Spinner);
        var id = (await _manager.StartTaskAsync("app", "spin")).Value!.Id;
        await LogLine(id, "spinning");

        var deleted = await _manager.DeleteTaskAsync(id, force: true).WaitAsync(Patience);

        Assert.True(deleted.Ok, deleted.Error);
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.FindTask(id).Kind);
        Assert.Contains($"delete task {id}", _store.Calls);
        Assert.Null(_store.StoredTask(id));
        AwaitCondition(() => _host.Executor.GetRunningSlices().Count == 0 && _host.Executor.StuckThreadCount == 0, Patience);
    }

    [Fact]
    public async Task Stop_TaskThatDoesNotYield_OtherCallsAnswerMeanwhile()
    {
        StartManager(TimeSpan.Zero);
        await _manager.DeployAppAsync("app", Spinner);
        var stuck = (await _manager.StartTaskAsync("app", "spin")).Value!.Id;
        await LogLine(stuck, "spinning");

        var stopping = _manager.StopTaskAsync(stuck);
        if (stopping.IsCompleted)
        {
            var answer = await stopping;
            Assert.Fail($"stop answered {answer.Kind}: {answer.Error}");
        }
        AwaitCondition(() => _store.StoredTask(stuck)!.State == TaskState.Disabled, Patience);

        var other = await _manager.StartTaskAsync("app", "idle").WaitAsync(Patience);
        Assert.True(other.Ok, other.Error);
        await LogLine(other.Value!.Id, "idle");
        Assert.False(stopping.IsCompleted);
        Assert.True((await _manager.DeleteTaskAsync(stuck, force: true).WaitAsync(Patience)).Ok);
        await stopping.WaitAsync(Patience);
    }

    private async Task LogLine(long id, string text)
    {
        await AwaitConditionAsync(() => _manager.GetLogs(id, 1000).Value?.Any(e => e.Text.Contains(text, StringComparison.Ordinal)) == true, Patience, TimeSpan.FromMilliseconds(5), $"task {id} to log \"{text}\"");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _manager?.Dispose();
            _host?.Dispose();
        }
        base.Dispose(disposing);
    }
}
