using Liberty.Node.Apps;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Support;

namespace Liberty.Tests.Apps;

/// <summary>Runs the sample apps of apps/ through the TaskManager (base of the sample app specs).</summary>
public abstract class SampleAppSpec : LibertyTestKit
{
    private readonly TaskHost _host;
    private readonly TaskManager _manager;

    private protected TaskManager Manager => _manager;

    // Big virtual-time steps (the scheduler's hours) would look like long slices to a watchdog: it is on only
    // for the QA specs, which advance in steps below its limit.
    protected SampleAppSpec(ITestOutputHelper output, bool watchdog)
        : base(output, virtualTime: true)
    {
        _host = new TaskHost(Sys, new EngineOptions
        {
            WatchdogLimit = watchdog ? TimeSpan.FromSeconds(1) : TimeSpan.Zero,
            WatchdogCheckInterval = TimeSpan.FromMilliseconds(100),
        });
        _manager = new TaskManager(new LuaServices(_host) { Options = new LuaFrontEndOptions { MemoryLimitBytes = 4 * 1024 * 1024 } });
    }

    private protected async Task<long> Start(string app, string function, string? arguments = null)
    {
        await Deploy(app);
        var started = await _manager.StartTaskAsync(app, function, arguments);
        Assert.True(started.Ok, started.Error);
        return started.Value!.Id;
    }

    /// <summary>Deploys apps/&lt;app&gt;.lua with its .sig and the .sigdesc.&lt;locale&gt; files beside it, as <c>liberty run</c> does.</summary>
    private protected async Task<AppInfo> Deploy(string app)
    {
        var folder = AppsFolder();
        var descriptions = Directory.GetFiles(folder, app + ".sigdesc.*")
            .ToDictionary(f => Path.GetFileName(f)[(app.Length + ".sigdesc.".Length)..], File.ReadAllText, StringComparer.Ordinal);
        var deployed = await _manager.DeployAppAsync(app, await File.ReadAllTextAsync(Path.Combine(folder, app + ".lua")), await File.ReadAllTextAsync(Path.Combine(folder, app + ".sig")), descriptions);
        Assert.True(deployed.Ok, deployed.Error);
        return deployed.Value!;
    }

    /// <summary>The path of apps/&lt;file&gt;.</summary>
    private protected static string AppFile(string file) => Path.Combine(AppsFolder(), file);

    private static string AppsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "apps");
            if (File.Exists(Path.Combine(candidate, "qa.lua")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No apps/ folder with qa.lua above {AppContext.BaseDirectory}.");
    }

    private protected Task LogLine(long id, string text, TimeSpan? advance = null) =>
        AwaitConditionAsync(async () =>
        {
            if (_manager.GetLogs(id, 2000).Value!.Any(e => e.Text.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }
            if (advance is { } step)
            {
                Clock.Advance(step);
                await AwaitIdleAsync();
            }
            return false;
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(5), $"task {id} to log \"{text}\"");

    private protected async Task<TaskState> Eventually(long id, Func<TaskState, bool> condition)
    {
        await AwaitConditionAsync(() => condition(_manager.FindTask(id).Value!.State), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(5), $"task {id} to leave {_manager.FindTask(id).Value!.State}");
        return _manager.FindTask(id).Value!.State;
    }

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
