using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Liberty.Tests.Hosting;

/// <summary>The real <c>liberty run</c> process: it starts, answers /health, and on SIGTERM stops gracefully with exit code 0.</summary>
public sealed class RunProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liberty-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Sigterm_StopsGracefullyExit0()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run", "--data", _folder, "--http", $"127.0.0.1:{port}", "--name", "proc" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = Stopwatch.StartNew();
            var healthy = false;
            while (!healthy && deadline.Elapsed < Patience && !process.HasExited)
            {
                try
                {
                    healthy = (await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
                catch (TaskCanceledException)
                {
                    // A slow machine: ask again.
                }
            }
            Assert.True(healthy, $"the node did not answer /health within {Patience}: exited {process.HasExited}");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(wait.Token);

            Assert.Equal(0, process.ExitCode);
            var output = await stdout;
            Assert.Contains($"http://127.0.0.1:{port}", output, StringComparison.Ordinal);
            Assert.Contains("admin.token", output, StringComparison.Ordinal);
            Assert.Contains("Stopped.", output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            _ = await stderr;
        }
    }
}
