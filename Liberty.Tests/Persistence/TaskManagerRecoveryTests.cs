using Liberty.Node.Apps;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Support;

namespace Liberty.Tests.Persistence;

/// <summary>
/// The task manager over the real journal (SQLite): what a node restart finds. The manager and the
/// store are both closed and reopened on the same file, as <c>liberty run</c> will do.
/// </summary>
public sealed class TaskManagerRecoveryTests : LibertyTestKit
{
    private const string App = """
        function main()
          local n = (Libre_DataReadStandalone("boots") or 0) + 1
          Libre_DataWriteStandalone("boots", n)
          Libre_Log(2, "boot " .. n)
          Libre_Wait()
        end
        function fail() error("kaput") end
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TaskHost _host;
    private readonly SqliteTarget _target = new();
    private TaskManager? _manager;
    private PersistenceHost? _persistence;

    public TaskManagerRecoveryTests(ITestOutputHelper output)
        : base(output, virtualTime: true)
    {
        _host = new TaskHost(Sys, new EngineOptions { WatchdogLimit = TimeSpan.Zero });
    }

    [Fact]
    public async Task Restart_OnTheSameJournal_FindsAppsTasksStatesAndData()
    {
        var manager = await StartNodeAsync();
        Assert.Equal(0, await manager.RecoverAsync(await _persistence!.Store.LoadAsync()));
        await manager.DeployAppAsync("app", App);
        await manager.DeployAppAsync("app", App + "\n");
        var running = (await manager.StartTaskAsync("app", "main", name: "keeper")).Value!.Id;
        var disabled = (await manager.StartTaskAsync("app", "main")).Value!.Id;
        var failed = (await manager.StartTaskAsync("app", "fail")).Value!.Id;
        await LogLineAsync(manager, running, "boot 1");
        await LogLineAsync(manager, disabled, "boot 1");
        await manager.StopTaskAsync(disabled);
        await StateAsync(manager, failed, TaskState.Error);
        await IssuedAsync(failed, TaskState.Error);

        await StopNodeAsync();
        manager = await StartNodeAsync();
        var state = await _persistence!.Store.LoadAsync();
        Assert.Equal(1, await manager.RecoverAsync(state));

        Assert.Equal([1, 2], state.Apps.Select(static a => a.Version));
        Assert.Equal("keeper", manager.FindTask(running).Value!.Name);
        await LogLineAsync(manager, running, "boot 2");
        Assert.Equal(TaskState.Disabled, manager.FindTask(disabled).Value!.State);
        var error = manager.FindTask(failed).Value!;
        Assert.Equal(TaskState.Error, error.State);
        Assert.Contains("kaput", error.Reason, StringComparison.Ordinal);
        Assert.True((await manager.StartTaskAsync("app", "main")).Value!.Id > failed, "task ids are never reused");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopNodeAsync().GetAwaiter().GetResult();
            _host.Dispose();
            base.Dispose(disposing);
            _target.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            base.Dispose(disposing);
        }
    }

    private async Task<TaskManager> StartNodeAsync()
    {
        await Task.Yield();
        _persistence = PersistenceHost.Start(_target.Options());
        _manager = new TaskManager(new LuaServices(_host) { Store = _persistence.Store });
        return _manager;
    }

    private async Task StopNodeAsync()
    {
        _manager?.Dispose();
        _manager = null;
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync();
            _persistence = null;
        }
    }

    private Task LogLineAsync(TaskManager manager, long id, string text) =>
        AwaitConditionAsync(() => manager.GetLogs(id, 1000).Value!.Any(e => e.Text.Contains(text, StringComparison.Ordinal)), Patience, TimeSpan.FromMilliseconds(5), $"task {id} to log \"{text}\"");

    /// <summary>Waits until the manager has handed the state to the store (the store's state includes every write issued).</summary>
    private Task IssuedAsync(long id, TaskState state) =>
        AwaitConditionAsync(async () => (await _persistence!.Store.LoadAsync()).Tasks.FirstOrDefault(t => t.Id == id)?.State == state, Patience, TimeSpan.FromMilliseconds(5), $"task {id} stored {state}");

    private Task StateAsync(TaskManager manager, long id, TaskState state) =>
        AwaitConditionAsync(() => manager.FindTask(id).Value?.State == state, Patience, TimeSpan.FromMilliseconds(5), $"task {id} to reach {state}");
}
