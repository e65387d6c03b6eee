using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Liberty.Tests.Hosting;

/// <summary>
/// A real <c>liberty run</c> process (<c>dotnet liberty.dll run</c>) on a data folder and a free loopback port, with an
/// authenticated client once it answers <c>/health</c>. Killed (SIGKILL) or terminated (SIGTERM) by the spec.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private NodeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Starts the node and waits until it answers /health; then reads the token from the data folder.</summary>
    public static Task<NodeProcess> StartAsync(string folder, string name, params string[] extra) => StartOnAsync(folder, name, FreePort(), extra);

    /// <summary>As <see cref="StartAsync"/> on a given API port (to restart a node where it was).</summary>
    public static async Task<NodeProcess> StartOnAsync(string folder, string name, int port, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run", "--data", folder, "--http", $"127.0.0.1:{port}", "--name", name }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }
        var node = new NodeProcess(Process.Start(info)!, port);
        try
        {
            await node.AwaitHealthyAsync();
            var token = (await File.ReadAllTextAsync(Path.Combine(folder, "admin.token"))).Trim();
            node.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        using var wait = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(wait.Token);
    }

    /// <summary>SIGTERM, then waits for the graceful stop.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>What the process wrote (once it has exited).</summary>
    public async Task<string> OutputAsync() => _process.HasExited ? await _stdout + await _stderr : "(still running)";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _ = await _stdout;
        _ = await _stderr;
        _process.Dispose();
    }

    private Task AwaitHealthyAsync() => AwaitHealthyAsync(Port, _process, Patience, OutputAsync);

    /// <summary>Waits until a node's process answers <c>/health</c> on a loopback port; fails with what it wrote if it exits or takes longer than <paramref name="patience"/>.</summary>
    public static async Task AwaitHealthyAsync(int port, Process process, TimeSpan patience, Func<Task<string>> output)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < patience && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow machine: ask again.
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the node did not answer /health within {patience}: exited {process.HasExited}; {await output()}");
    }
}
