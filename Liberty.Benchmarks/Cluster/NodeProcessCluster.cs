using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Liberty.Benchmarks.Cluster;

/// <summary>
/// Real <c>liberty run</c> processes on loopback (<c>dotnet liberty.dll run</c>, the <c>liberty.dll</c> that the build
/// copies next to this assembly): each member has a temp data folder, a free API port and a free cluster port that it
/// keeps across restarts; the first two are the seeds. Members are killed with SIGKILL and started again where they were.
/// </summary>
internal sealed class NodeProcessCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "liberty-bench-processes-" + Guid.NewGuid().ToString("N"));
    private readonly List<Member> _members = [];
    private readonly string _seeds;

    private NodeProcessCluster(string seeds) => _seeds = seeds;

    public IReadOnlyList<Member> Members => _members;

    /// <summary>Creates <paramref name="count"/> members <c>n1..nN</c> (not started); the first two are the seeds.</summary>
    public static NodeProcessCluster Create(int count)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToList();
        var cluster = new NodeProcessCluster(string.Join(",", ports.Take(2).Select(static p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture))));
        for (var i = 0; i < count; i++)
        {
            cluster.Add(ports[i]);
        }
        return cluster;
    }

    /// <summary>Adds a member (not started) on a fresh folder and ports, with the same seeds.</summary>
    public Member Add(int? clusterPort = null)
    {
        var name = "n" + (_members.Count + 1).ToString(CultureInfo.InvariantCulture);
        var member = new Member(name, Path.Combine(_root, name), FreePort(), clusterPort ?? FreePort(), _seeds);
        _members.Add(member);
        return member;
    }

    /// <summary>Forgets a stopped member and deletes its folder (a later <see cref="Add"/> reuses its name).</summary>
    public async Task RemoveAsync(Member member)
    {
        await member.DisposeAsync();
        _members.Remove(member);
        TryDelete(member.Folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_members.Select(static m => m.DisposeAsync().AsTask()));
        TryDelete(_root);
    }

    /// <summary>The member named <paramref name="node"/> in an <c>/api/cluster</c> answer, or null when it is not listed.</summary>
    public static (string Status, string Reachability)? Find(JsonElement cluster, string node)
    {
        foreach (var member in cluster.GetProperty("members").EnumerateArray())
        {
            if (member.GetProperty("node").GetString() == node)
            {
                return (member.GetProperty("status").GetString()!, member.GetProperty("reachability").GetString()!);
            }
        }
        return null;
    }

    /// <summary>Waits until <paramref name="observer"/> sees every member in <paramref name="expected"/> Up and reachable, and no other.</summary>
    public static async Task AwaitMembersAsync(Member observer, TimeSpan within, params Member[] expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await observer.ClusterAsync();
            var members = state.GetProperty("members").EnumerateArray().ToList();
            if (members.Count == expected.Length && expected.All(m => Find(state, m.Name) is ("Up", "Reachable")))
            {
                return;
            }
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"{observer.Name} did not see [{string.Join(", ", expected.Select(static m => m.Name))}] Up within {within}: {state}");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A process still closing its files; the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>One member: its process when running, its fixed folder and ports.</summary>
    internal sealed class Member(string name, string folder, int apiPort, int clusterPort, string seeds) : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
        private Process? _process;

        public string Name { get; } = name;

        public string Folder { get; } = folder;

        public HttpClient Http { get; } = new() { BaseAddress = new Uri($"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(30) };

        /// <summary>Starts the process and returns at once (the API answers later: <see cref="AwaitHealthyAsync"/>).</summary>
        public void Launch()
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run", "--data", Folder, "--name", Name,
                "--http", "127.0.0.1:" + apiPort.ToString(CultureInfo.InvariantCulture),
                "--seed", seeds, "--cluster-port", clusterPort.ToString(CultureInfo.InvariantCulture),
            })
            {
                info.ArgumentList.Add(arg);
            }
            _process = Process.Start(info)!;
            // Drained so that a chatty node never blocks on a full pipe; the text is not kept.
            _process.OutputDataReceived += static (_, _) => { };
            _process.ErrorDataReceived += static (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>Starts the process and waits until its API answers, authenticated with the folder's token.</summary>
        public async Task StartAsync()
        {
            Launch();
            await AwaitHealthyAsync();
        }

        /// <summary>Waits for the first 200 from <c>/health</c>, then reads the admin token.</summary>
        public async Task AwaitHealthyAsync()
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (_process is null || _process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited before answering /health (code {_process?.ExitCode})");
                }
                try
                {
                    if ((await probe.GetAsync(new Uri(Http.BaseAddress!, "/health"))).StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                if (clock.Elapsed > Patience)
                {
                    throw new TimeoutException($"{Name} did not answer /health within {Patience}");
                }
                await Task.Delay(20);
            }
            var token = (await File.ReadAllTextAsync(Path.Combine(Folder, "admin.token"))).Trim();
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill() => _process!.Kill(entireProcessTree: false);

        /// <summary>Waits until the process has exited (after <see cref="Kill"/> or <see cref="TerminateAsync"/>).</summary>
        public async Task WaitForExitAsync()
        {
            using var wait = new CancellationTokenSource(Patience);
            await _process!.WaitForExitAsync(wait.Token);
            _process.Dispose();
            _process = null;
        }

        /// <summary>SIGTERM (a graceful leave), then waits for the exit.</summary>
        public async Task TerminateAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await WaitForExitAsync();
        }

        public async Task<JsonElement> ClusterAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/cluster");

        public async Task<JsonElement> GetAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

        public async Task<JsonElement> PostAsync(string path, object body)
        {
            using var response = await Http.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{Name} POST {path}: {(int)response.StatusCode} {text}");
            }
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        /// <summary>A task's newest log lines (text only).</summary>
        public async Task<IReadOnlyList<string>> TaskLogAsync(long task)
        {
            var lines = await GetAsync($"/api/tasks/{task.ToString(CultureInfo.InvariantCulture)}/logs?max=1000");
            return [.. lines.EnumerateArray().Select(static l => l.GetProperty("text").GetString()!)];
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is not null)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
                _process.Dispose();
                _process = null;
            }
            Http.Dispose();
        }
    }
}
