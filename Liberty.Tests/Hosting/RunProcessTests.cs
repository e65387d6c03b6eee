using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Liberty.Tests.Hosting;

/// <summary>The real <c>liberty run</c> process: start, answer, SIGTERM, exit 0; a second one on the same folder exits 3.</summary>
public sealed class RunProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liberty-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run", "--data", _folder, "--http", $"127.0.0.1:{port}", "--name", "proc" })
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Run_Sigterm_StopsGracefullyExit0()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var port = FreePort();
        using var process = Start(port);
        var output = process.StandardOutput;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        var seen = new List<string>();
        while ((line = await output.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("Ctrl-C", StringComparison.Ordinal))
        {
            seen.Add(line);
        }
        Assert.True(line is not null, "the node did not print its banner: " + string.Join("\n", seen) + await process.StandardError.ReadToEndAsync());
        Assert.Contains(seen, l => l.Contains($"http://127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.Contains(seen, l => l.Contains("admin.token", StringComparison.Ordinal));

        using (var second = Start(FreePort()))
        {
            await second.WaitForExitAsync(timeout.Token);
            Assert.Equal(3, second.ExitCode);
            Assert.Contains("another node", await second.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        }

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/health", timeout.Token)).StatusCode);
        var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
        var rest = output.ReadToEndAsync(timeout.Token);
        Assert.Equal(0, Kill(process.Id, "TERM"));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Stopped.", await rest, StringComparison.Ordinal);
        _ = await stderrTask;
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
