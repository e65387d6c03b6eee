using System.Net.Http.Headers;
using Liberty.Node.Hosting;

namespace Liberty.Tests.Management;

/// <summary>A real node on a random loopback port with a temp data folder, for API and CLI specs.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private TestNode(LibertyNode node, string folder, FakeTaskService? tasks, bool ownsFolder)
    {
        _ownsFolder = ownsFolder;
        Node = node;
        Folder = folder;
        Tasks = tasks;
        Http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Token);
        Anonymous = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public LibertyNode Node { get; }

    public string Folder { get; }

    public FakeTaskService? Tasks { get; }

    public HttpClient Http { get; }

    public HttpClient Anonymous { get; }

    public string Url => Node.BaseAddress.ToString().TrimEnd('/');

    /// <summary>A fresh temp folder path; a node started on a folder its caller gave leaves it for the caller to delete.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "liberty-test-" + Guid.NewGuid().ToString("N"));

    public static async Task<TestNode> StartAsync(Action<NodeOptions>? configure = null, bool fakeTasks = true, string? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= NewFolder();
        var options = new NodeOptions { DataFolder = folder, Http = { Listen = "127.0.0.1:0" }, DeploySampleApps = false };
        configure?.Invoke(options);
        var problems = NodeConfiguration.Validate(WithDefaults(options));
        Assert.True(problems.Count == 0, "options invalid: " + string.Join("; ", problems));
        var fake = fakeTasks ? new FakeTaskService() : null;
        var started = await LibertyNode.StartAsync(options, new NodeStartSettings { TaskService = fake is null ? null : _ => fake }, CancellationToken.None);
        Assert.True(started.Node is not null, $"node did not start (exit {started.ExitCode}): {string.Join("; ", started.Errors)}");
        return new TestNode(started.Node, folder, fake, ownsFolder);
    }

    public static NodeOptions WithDefaults(NodeOptions options)
    {
        if (options.Devices.Devices.Count == 0)
        {
            options.Devices.Devices.AddRange(NodeDefaults.SimulatedDevices);
        }
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Node.StopAsync();
        if (!_ownsFolder)
        {
            return;
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping component; the temp folder is cleaned later by the OS.
        }
    }
}
