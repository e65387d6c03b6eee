using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Liberty.Tests.Hosting;

/// <summary>
/// The real <c>liberty run</c> process: it starts, answers /health, and on SIGTERM stops gracefully with exit code 0; a
/// node that cannot listen where it is told or reach its store ends at once with one line and exit code 2.
/// </summary>
public sealed class RunProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // Addresses reserved for documentation (RFC 5737): no real machine should have them.
    private static readonly string[] DocumentationAddresses = ["203.0.113.77", "198.51.100.77", "192.0.2.177"];

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

    [Fact]
    public async Task Run_HttpAddressTheMachineDoesNotHave_OneLineAndExit2()
    {
        var local = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().SelectMany(static i => i.GetIPProperties().UnicastAddresses).Select(static a => a.Address.ToString()).ToHashSet();
        var missing = DocumentationAddresses.First(a => !local.Contains(a));

        var (code, stdout, stderr) = await RunToEndAsync(["--http", $"{missing}:9110"]);

        Assert.Equal(2, code);
        Assert.Matches($@"^liberty run: Http:Listen: cannot listen on {Regex.Escape(missing)}:9110: this machine has no address {Regex.Escape(missing)} \(it has [^)]*127\.0\.0\.1[^)]*\)\.$", OneLine(stderr, stdout));
    }

    [Fact]
    public async Task Run_HttpPortInUse_OneLineAndExit2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, stdout, stderr) = await RunToEndAsync(["--http", $"127.0.0.1:{port}"]);

        Assert.Equal(2, code);
        Assert.Equal($"liberty run: Http:Listen: cannot listen on 127.0.0.1:{port}: the port is in use by another program (another node?); choose a free port.", OneLine(stderr, stdout));
    }

    [Fact]
    public async Task Run_PostgreSqlUnreachable_OneLineWithoutThePasswordAndExit2()
    {
        var closed = NodeProcess.FreePort();

        var (code, stdout, stderr) = await RunToEndAsync(["--http", "127.0.0.1:0"],
            ("LIBERTY__Persistence__Provider", "postgresql"), ("LIBERTY__Persistence__ConnectionString", $"Host=127.0.0.1;Port={closed};Database=fleet;Username=liberty;Password=s3cret-pw"));

        Assert.Equal(2, code);
        var line = OneLine(stderr, stdout);
        Assert.StartsWith($"liberty run: Persistence:ConnectionString: cannot reach PostgreSQL 127.0.0.1:{closed}, database fleet: ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret-pw", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownConfigurationKeys_EveryProblemListedAndExit2()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "node.json");
        await File.WriteAllTextAsync(config, """{ "Htp": { "Listen": "127.0.0.1:1" }, "Engine": { "WatchdogLimit": "00:00:00" } }""");

        var (code, _, stderr) = await RunToEndAsync(["--config", config], ("LIBERTY__Nod__Name", "x"));

        Assert.Equal(2, code);
        Assert.Equal(
        [
            "liberty run: the configuration is invalid (3 problems):",
            $"  Htp: unknown section (in {config}); did you mean 'Http'?",
            "  Nod: unknown section (environment variable LIBERTY__Nod__Name); did you mean 'Node'?",
            "  Engine:WatchdogLimit: 00:00:00 must be positive (the default is 00:00:05).",
        ], stderr.TrimEnd().Split('\n'));
    }

    /// <summary>The only line the process wrote (on stderr), with no stack trace and no log on stdout.</summary>
    private static string OneLine(string stderr, string stdout)
    {
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, $"one line expected on stderr, got:\n{stderr}\nstdout:\n{stdout}");
        return lines[0];
    }

    /// <summary>Runs <c>liberty run --data (temp) ARGS</c> until it exits on its own (bounded by the patience).</summary>
    private async Task<(int Code, string Stdout, string Stderr)> RunToEndAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run", "--data", Path.Combine(_folder, "data") }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
