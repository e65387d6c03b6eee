using System.Net;
using System.Net.Sockets;
using Liberty.Node.Hosting;
using Liberty.Tests.Management;

namespace Liberty.Tests.Hosting;

public sealed class LibertyNodeTests
{
    [Fact]
    public async Task StartAsync_SecondNodeOnSameFolder_RefusedWithExitCode3()
    {
        await using var first = await TestNode.StartAsync();

        var second = await LibertyNode.StartAsync(TestNode.WithDefaults(new NodeOptions { DataFolder = first.Folder, Http = { Listen = "127.0.0.1:0" } }), null, CancellationToken.None);

        Assert.Null(second.Node);
        Assert.Equal(LibertyNode.ExitDataFolderLocked, second.ExitCode);
        Assert.Contains("another node", Assert.Single(second.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ThenStartAgain_SameTokenAndFolderFree()
    {
        var folder = TestNode.NewFolder();
        string token;
        await using (var first = await TestNode.StartAsync(folder: folder))
        {
            token = first.Node.Token;
        }

        try
        {
            await using var second = await TestNode.StartAsync(folder: folder);

            Assert.Equal(token, second.Node.Token);
            using var health = await second.Anonymous.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task StartAsync_NewDataFolder_OnlyItsOwnerMayReadItOrTheJournal()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false);
        var journal = Path.Combine(node.Folder, Liberty.Node.Persistence.PersistenceOptions.DefaultSqliteFileName);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(node.Folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
        Assert.All(Directory.GetFiles(node.Folder, "journal.db*"), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(node.Folder, "admin.token")));
    }

    [Fact]
    public async Task StopAsync_TaskServiceShutDownAndHttpClosed()
    {
        var node = await TestNode.StartAsync();
        var address = node.Node.BaseAddress;

        await node.DisposeAsync();

        Assert.Equal(1, node.Tasks!.ShutdownCalls);
        using var socket = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(address.Host, address.Port));
    }

    [Fact]
    public async Task StartAsync_PortTaken_ExitCode2NamingHttpListen()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var folder = TestNode.NewFolder();

        var result = await LibertyNode.StartAsync(TestNode.WithDefaults(new NodeOptions { DataFolder = folder, Http = { Listen = $"127.0.0.1:{port}" } }), null, CancellationToken.None);

        Assert.Null(result.Node);
        Assert.Equal(LibertyNode.ExitInvalidConfiguration, result.ExitCode);
        Assert.Equal($"Http:Listen: cannot listen on 127.0.0.1:{port}: the port is in use by another program (another node?); choose a free port.", Assert.Single(result.Errors));
        Assert.True(DataFolderLock.TryAcquire(folder, out var held, out _), "the failed start must release the data folder");
        held!.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task StartAsync_SampleAppsFolder_DeployedOnceAtFirstStart()
    {
        var apps = Directory.CreateTempSubdirectory("liberty-apps-").FullName;
        File.WriteAllText(Path.Combine(apps, "hello.lua"), "function Hello()\nend\n");
        File.WriteAllText(Path.Combine(apps, "hello.sig"), """{"Hello":[]}""");
        File.WriteAllText(Path.Combine(apps, "broken.lua"), "error(\n");
        var folder = TestNode.NewFolder();
        try
        {
            await using (var first = await TestNode.StartAsync(o => { o.AppsFolder = apps; o.DeploySampleApps = true; }, folder: folder))
            {
                var app = Assert.Single(first.Tasks!.ListApps());
                Assert.Equal("hello", app.Name);
                Assert.True(app.HasSignature);
                Assert.Contains(first.Node.Services.Log.Peek(100), static l => l.EventId == 6005 && l.Message.Contains("broken.lua", StringComparison.Ordinal));
            }
            await using var second = await TestNode.StartAsync(o => { o.AppsFolder = apps; o.DeploySampleApps = true; }, folder: folder);
            Assert.Empty(second.Tasks!.ListApps());
        }
        finally
        {
            Directory.Delete(apps, recursive: true);
            Directory.Delete(folder, recursive: true);
        }
    }
}
