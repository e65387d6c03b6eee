using Liberty.Node.Apps;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Support;

namespace Liberty.Tests.Apps;

public sealed class TaskManagerSpecs : LibertyTestKit
{
    private const string Counter = """
        local runs = 0
        function main(a, b)
          runs = runs + 1
          Libre_Log(2, string.format("run %d args %s %s", runs, type(a) == "table" and "k=" .. tostring(a.k) or tostring(a), tostring(b)))
          Libre_Wait()
        end
        function finish() Libre_Log(2, "done") end
        function fail() error("kaput") end
        """;
    private readonly TaskHost _host;
    private readonly RecordingTaskStore _store = new();
    private TaskManager _manager;

    public TaskManagerSpecs(ITestOutputHelper output)
        : base(output, virtualTime: true)
    {
        _host = new TaskHost(Sys, new EngineOptions { WatchdogLimit = TimeSpan.Zero });
        _manager = NewManager();
    }

    private TaskManager NewManager() => new(new LuaServices(_host) { Store = _store });

    [Fact]
    public async Task DeployApp_SyntaxError_RefusedWithLineAndNothingDeployed()
    {
        var result = await _manager.DeployAppAsync("app", "function main()\n  local x = \n  end\nend");
        Assert.False(result.Ok);
        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.StartsWith("app.lua:3:", result.Error, StringComparison.Ordinal);
        Assert.Empty(_manager.ListApps());
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task DeployApp_Redeploy_VersionsGrow()
    {
        Assert.Equal(1, (await _manager.DeployAppAsync("app", Counter)).Value!.Version);
        Assert.Equal(2, (await _manager.DeployAppAsync("app", Counter + "\n")).Value!.Version);
        Assert.Equal([1, 2], _manager.GetAppVersions("app").Value!.Select(v => v.Version));
        Assert.Equal(2, _manager.FindApp("app").Value!.Version);
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.FindApp("nope").Kind);
        Assert.Equal(["app app v1", "app app v2"], _store.Calls);
    }

    [Theory]
    [InlineData("{", "signature: not valid JSON")]
    [InlineData("[]", "signature: a signature must be")]
    [InlineData("{\"Functions\":[{\"Parameters\":[]}]}", "signature: Functions[0].NativeName: ")]
    public async Task DeployApp_InvalidSignature_Refused(string signature, string expected)
    {
        var result = await _manager.DeployAppAsync("app", Counter, signature);
        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_manager.ListApps());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../x")]
    public async Task DeployApp_BadName_Invalid(string name)
    {
        var result = await _manager.DeployAppAsync(name, Counter);
        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.Contains("app name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTask_UnknownApp_NotFound()
    {
        var result = await _manager.StartTaskAsync("ghost", "main");
        Assert.Equal(TaskManagerErrorKind.NotFound, result.Kind);
        Assert.Equal("app 'ghost' does not exist", result.Error);
    }

    [Theory]
    [InlineData("[1,", "Arguments are not valid JSON")]
    [InlineData("42", "Arguments must be a JSON array (positional)")]
    public async Task StartTask_BadArguments_InvalidAndNothingStarts(string arguments, string expected)
    {
        await _manager.DeployAppAsync("app", Counter);
        var result = await _manager.StartTaskAsync("app", "main", arguments);
        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_manager.ListTasks());
        Assert.Empty(_host.Tasks);
    }

    [Fact]
    public async Task StartTask_FunctionNotInSignature_Invalid()
    {
        await _manager.DeployAppAsync("app", Counter, """{"Functions":[{"NativeName":"main","Parameters":[]}]}""");
        var result = await _manager.StartTaskAsync("app", "finish");
        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.Equal("function 'finish' is not an entry point: the app's signature describes main", result.Error);
        Assert.Equal("$.function", result.Path);
    }

    [Theory]
    [InlineData("end", "function 'end' is a Lua keyword, not a function name")]
    [InlineData("print", "function 'print' is not an entry point: the app defines fail, finish, main")]
    [InlineData("Libre_Log", "function 'Libre_Log' is not an entry point: the app defines fail, finish, main")]
    [InlineData("runs", "function 'runs' is not an entry point: the app defines fail, finish, main")]
    public async Task StartTask_NotAnEntryOfTheApp_InvalidNamingTheFunction(string function, string expected)
    {
        await _manager.DeployAppAsync("app", Counter);

        var result = await _manager.StartTaskAsync("app", function);

        Assert.Equal((TaskManagerErrorKind.Invalid, expected, "$.function"), (result.Kind, result.Error, result.Path));
        Assert.Empty(_manager.ListTasks());
        Assert.Empty(_host.Tasks);
    }

    [Fact]
    public async Task StartTask_RefusedStart_UsesUpNoTaskId()
    {
        await _manager.DeployAppAsync("app", Counter);
        Assert.Equal(1, (await _manager.StartTaskAsync("app", "main")).Value!.Id);

        Assert.False((await _manager.StartTaskAsync("app", "print")).Ok);
        Assert.False((await _manager.StartTaskAsync("app", "main", "[1,")).Ok);

        Assert.Equal(2, (await _manager.StartTaskAsync("app", "main")).Value!.Id);
    }

    [Fact]
    public async Task DeployApp_WithoutSignature_ListsTheFunctionsTheAppDefines()
    {
        var module = """
            local function helper() return 1 end
            local M = {}
            function M.Sprinkler(zones) Libre_Wait() end
            M.Lights = function() end
            return M
            """;

        Assert.Equal(["fail", "finish", "main"], (await _manager.DeployAppAsync("globals", Counter)).Value!.Functions);
        Assert.Equal(["Lights", "Sprinkler"], (await _manager.DeployAppAsync("module", module)).Value!.Functions);
        Assert.Equal(["fail", "finish", "main"], _manager.ListApps().Single(a => a.Name == "globals").Functions);
    }

    [Fact]
    public async Task DeployApp_TopLevelNeedsTheTaskApi_ListsDeclaredFunctionsAndStartsThem()
    {
        var app = """
            Libre_Log(2, "loaded")
            function Run() Libre_Log(2, "ran") end
            """;

        var deployed = await _manager.DeployAppAsync("app", app);

        Assert.Equal(["Run"], deployed.Value!.Functions);
        Assert.True((await _manager.StartTaskAsync("app", "Run")).Ok);
    }

    [Fact]
    public async Task DeployApp_SignatureDescribesAFunctionTheAppLacks_InvalidWithItsPath()
    {
        var result = await _manager.DeployAppAsync("app", Counter, """{"Functions":[{"NativeName":"main"},{"NativeName":"Missing"}]}""");

        Assert.Equal(TaskManagerErrorKind.Invalid, result.Kind);
        Assert.Equal("$.signature.Functions[1].NativeName", result.Path);
        Assert.Contains("the app defines no entry function 'Missing'", result.Error, StringComparison.Ordinal);
        Assert.Empty(_manager.ListApps());
    }

    [Fact]
    public async Task DeployApp_BadAttributeInSignature_PathPointsIntoTheSignature()
    {
        var result = await _manager.DeployAppAsync("app", Counter, """{"Functions":[{"NativeName":"main","Parameters":[{"NativeName":"a","Type":"Number","Attributes":[{"Name":"NumberMin","Value":"low"}]}]}]}""");

        Assert.Equal("$.signature.Functions[0].Parameters[0].Attributes[0].Value", result.Path);
        Assert.Equal("signature: Functions[0].Parameters[0].Attributes[0].Value: NumberMin must be a number, not 'low'.", result.Error);
    }

    [Fact]
    public async Task DeployApp_WithDescriptionFiles_ShowsLabelsAndDescriptionsAndKeepsThem()
    {
        var source = "function LightShow(groups, period, indicator) Libre_Wait() end";
        var deployed = await _manager.DeployAppAsync("show", source, Schema.RealSignatureFiles.Read("LightShow.sig"), Schema.RealSignatureFiles.Descriptions("LightShow"));

        Assert.True(deployed.Ok, deployed.Error);
        var app = deployed.Value!;
        Assert.Equal(["de", "en"], app.Locales);
        Assert.Equal("Lichtshow", app.Texts["de"].Name);
        var pattern = app.Described[0].Parameters[0].Children[0].Children[2];
        Assert.Equal(("pattern", "Enumeration"), (pattern.Name, pattern.Type));
        Assert.Equal(["Chase", "Blink", "Fade"], pattern.Labels!);
        Assert.Equal("Muster", pattern.Texts["de"].Name);
        Assert.Equal(["de", "en"], _store.StoredApps().Single().Descriptions!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartTask_ArrayAndObjectArguments_ReachTheEntry_StoredBeforeAck()
    {
        await _manager.DeployAppAsync("app", Counter);
        var positional = await _manager.StartTaskAsync("app", "main", "[5, \"x\"]", "first");
        Assert.True(positional.Ok, positional.Error);
        Assert.Equal(TaskState.Running, _store.StoredTask(positional.Value!.Id)!.State);
        Assert.Equal("first", positional.Value.Name);
        var table = await _manager.StartTaskAsync("app", "main", "{\"k\": 1.5}");
        Assert.Equal("app/main", table.Value!.Name);
        await LogLine(positional.Value.Id, "run 1 args 5 x");
        await LogLine(table.Value.Id, "run 1 args k=1.5 nil");
    }

    [Fact]
    public async Task StopResume_RunsAfreshWithANewLuaState()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        await LogLine(id, "run 1");
        var stopped = await _manager.StopTaskAsync(id);
        Assert.Equal(TaskState.Disabled, stopped.Value!.State);
        Assert.Equal(TaskState.Disabled, _store.StoredTask(id)!.State);
        Assert.Equal(TaskManagerErrorKind.Conflict, (await _manager.StopTaskAsync(id)).Kind);
        var resumed = await _manager.ResumeTaskAsync(id);
        Assert.True(resumed.Ok, resumed.Error);
        Assert.Equal(TaskState.Running, _store.StoredTask(id)!.State);
        await LogLine(id, "run 1", count: 2);
        Assert.Equal(TaskManagerErrorKind.Conflict, (await _manager.ResumeTaskAsync(id)).Kind);
    }

    [Fact]
    public async Task ErrorTask_RefusesResumeUntilReset()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "fail")).Value!.Id;
        var info = await Eventually(id, TaskState.Error);
        Assert.Contains("app.lua:8: kaput", info.Reason, StringComparison.Ordinal);
        Assert.Contains("stack traceback", info.Traceback, StringComparison.Ordinal);
        await StoredEventually(id, TaskState.Error);
        var refused = await _manager.ResumeTaskAsync(id);
        Assert.Equal(TaskManagerErrorKind.Conflict, refused.Kind);
        Assert.Contains("reset it first", refused.Error, StringComparison.Ordinal);
        var reset = await _manager.ResetTaskAsync(id);
        Assert.Equal(TaskState.Disabled, reset.Value!.State);
        Assert.Equal("reset by the operator after: app.lua:8: kaput", reset.Value.Reason);
        Assert.Equal(TaskState.Disabled, _store.StoredTask(id)!.State);
        Assert.Equal(TaskManagerErrorKind.Conflict, (await _manager.ResetTaskAsync(id)).Kind);
        Assert.True((await _manager.ResumeTaskAsync(id)).Ok);
    }

    [Fact]
    public async Task ErrorTask_AppRedeployed_ResumesOnTheNewVersion()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "fail")).Value!.Id;
        await Eventually(id, TaskState.Error);
        await _manager.DeployAppAsync("app", Counter.Replace("error(\"kaput\")", "Libre_Log(2, \"fixed\")", StringComparison.Ordinal));
        var resumed = await _manager.ResumeTaskAsync(id);
        Assert.True(resumed.Ok, resumed.Error);
        Assert.Equal(2, resumed.Value!.AppVersion);
        await LogLine(id, "fixed");
        await Eventually(id, TaskState.Stopped);
    }

    [Fact]
    public async Task NaturalEnd_StoppedIsStored()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "finish")).Value!.Id;
        await Eventually(id, TaskState.Stopped);
        await StoredEventually(id, TaskState.Stopped);
    }

    [Fact]
    public async Task RemoveApp_InUse_ConflictUntilTasksDeleted()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        var refused = await _manager.RemoveAppAsync("app");
        Assert.Equal(TaskManagerErrorKind.Conflict, refused.Kind);
        Assert.Equal($"app 'app' is used by task(s) {id}; delete them first", refused.Error);
        Assert.True((await _manager.DeleteTaskAsync(id)).Ok);
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.FindTask(id).Kind);
        Assert.Null(_store.StoredTask(id));
        Assert.True((await _manager.RemoveAppAsync("app")).Ok);
        Assert.Empty(_manager.ListApps());
        Assert.Equal(TaskManagerErrorKind.NotFound, (await _manager.RemoveAppAsync("app")).Kind);
    }

    [Fact]
    public async Task UnknownTask_EveryCallNotFound()
    {
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.FindTask(9).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, (await _manager.StopTaskAsync(9)).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, (await _manager.ResumeTaskAsync(9)).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, (await _manager.ResetTaskAsync(9)).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, (await _manager.DeleteTaskAsync(9)).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.GetLogs(9).Kind);
        Assert.Equal(TaskManagerErrorKind.NotFound, _manager.SubscribeLogs(9, _ => { }).Kind);
    }

    [Fact]
    public async Task SubscribeLogs_SeesLaterEntries()
    {
        await _manager.DeployAppAsync("app", "function main() Libre_Wait(1000) Libre_Log(3, 'later') end");
        var id = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        var seen = new TaskCompletionSource<TaskLogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _manager.SubscribeLogs(id, e => seen.TrySetResult(e)).Value!;
        for (var i = 0; i < 200 && !seen.Task.IsCompleted; i++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            await AwaitIdleAsync();
        }
        var entry = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, entry.Level);
        Assert.Equal("later", entry.Text);
    }

    [Fact]
    public async Task GetStatistics_CountsTasksByState()
    {
        await _manager.DeployAppAsync("app", Counter);
        await _manager.StartTaskAsync("app", "main");
        var failing = (await _manager.StartTaskAsync("app", "fail")).Value!.Id;
        var stopping = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        await Eventually(failing, TaskState.Error);
        await _manager.StopTaskAsync(stopping);
        var stats = _manager.GetStatistics();
        Assert.Equal((1, 1, 0, 1, 1), (stats.Running, stats.Disabled, stats.Stopped, stats.Error, stats.Apps));
        Assert.True(stats.MemoryUsed > 0);
    }

    [Fact]
    public async Task Recover_RunningRestartsOthersStayAndDataIsBack()
    {
        await _manager.DeployAppAsync("app", """
            function main()
              local n = (Libre_DataReadStandalone("boots") or 0) + 1
              Libre_DataWriteStandalone("boots", n)
              Libre_Log(2, "boot " .. n)
              Libre_Wait()
            end
            function fail() error("kaput") end
            """);
        var running = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        var disabled = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        var failed = (await _manager.StartTaskAsync("app", "fail")).Value!.Id;
        await LogLine(running, "boot 1");
        await LogLine(disabled, "boot 1");
        await _manager.StopTaskAsync(disabled);
        await StoredEventually(failed, TaskState.Error);
        Assert.Equal("1", _store.Data(running, "boots"));

        // A node restart: the old runs end, a new manager recovers from the store.
        _manager.Dispose();
        foreach (var engineTask in _host.Tasks)
        {
            await engineTask.WhenEnded.WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(TaskState.Running, _store.StoredTask(running)!.State);
        _manager = NewManager();
        Assert.Equal(1, await _manager.RecoverAsync(await _store.LoadAsync()));
        await LogLine(running, "boot 2");
        Assert.Equal(TaskState.Disabled, _manager.FindTask(disabled).Value!.State);
        var error = _manager.FindTask(failed).Value!;
        Assert.Equal(TaskState.Error, error.State);
        Assert.Contains("kaput", error.Reason, StringComparison.Ordinal);
        var next = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        Assert.True(next > failed);
    }

    [Fact]
    public async Task StartTask_TheEngineRun_CarriesTheTasksOneId()
    {
        await _manager.DeployAppAsync("app", Counter);
        await _manager.DeployAppAsync("other", Counter);
        var first = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        var second = (await _manager.StartTaskAsync("other", "main")).Value!.Id;
        await LogLine(second, "run 1");

        Assert.Equal([first, second], _host.Tasks.Select(static t => t.Id).Order());
        Assert.Equal("other/main", _host.Tasks.Single(t => t.Id == second).Name);
    }

    [Fact]
    public async Task Recover_Hold_RunningTasksStoredDisabledAndNothingStarts()
    {
        await _manager.DeployAppAsync("app", Counter);
        var id = (await _manager.StartTaskAsync("app", "main")).Value!.Id;
        await LogLine(id, "run 1");
        _manager.Dispose();
        await _host.Tasks.Single().WhenEnded.WaitAsync(TimeSpan.FromSeconds(10));

        _manager = NewManager();
        Assert.Equal(0, await _manager.RecoverAsync(await _store.LoadAsync(), hold: true));

        Assert.Equal(TaskState.Disabled, _manager.FindTask(id).Value!.State);
        Assert.Equal(TaskState.Disabled, _store.StoredTask(id)!.State);
        Assert.Single(_host.Tasks);
        Assert.True((await _manager.ResumeTaskAsync(id)).Ok);
        await LogLine(id, "run 1");
    }

    private Task LogLine(long id, string text, int count = 1) =>
        AwaitConditionAsync(() => _manager.GetLogs(id, 1000).Value!.Count(e => e.Text.Contains(text, StringComparison.Ordinal)) >= count,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5), $"task {id} to log \"{text}\" {count} time(s)");

    private async Task<ManagedTask> Eventually(long id, TaskState state)
    {
        await AwaitConditionAsync(() => _manager.FindTask(id).Value?.State == state, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5), $"task {id} to reach {state}");
        return _manager.FindTask(id).Value!;
    }

    private Task StoredEventually(long id, TaskState state) =>
        AwaitConditionAsync(() => _store.StoredTask(id)?.State == state, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5), $"task {id} to be stored {state}");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _manager.Dispose();
            _host.Dispose();
            base.Dispose(disposing);
        }
        else
        {
            base.Dispose(disposing);
        }
    }
}
