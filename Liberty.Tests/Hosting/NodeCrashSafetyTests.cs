using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;
using Microsoft.Data.Sqlite;

namespace Liberty.Tests.Hosting;

/// <summary>
/// The whole node under SIGKILL: a real <c>liberty run</c> process is driven through its HTTP API by several
/// concurrent clients (deploying app versions, starting tasks with arguments, stopping, resuming and deleting them,
/// the tasks writing <c>Libre_DataWriteStandalone</c>), killed mid-stream with requests in flight, and restarted on the
/// same data folder, twice (the second run recovers what the first kill left). Every change the API acknowledged must
/// be there, and nothing may be corrupt.
/// </summary>
public sealed class NodeCrashSafetyTests : IDisposable
{
    private const int Workers = 4;
    private const int Rounds = 2;

    // The task writes its argument as task data before it prints it, so a printed tag means the write was queued.
    private const string App = """
        function main(tag)
          Libre_DataWriteStandalone("tag", tag)
          print("tag " .. tag)
          Libre_Wait()
        end
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liberty-crash-" + Guid.NewGuid().ToString("N"));

    // A logical clock ordering "log line observed" against "request sent" across all clients.
    private long _clock;
    private long _latestAckedSend;
    private int _acks;
    private int _inFlight;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_SigkillWhileChangesAreInFlight_EveryAcknowledgedChangeSurvivesAndNothingIsCorrupt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // Two rounds: the second starts from what the first kill left (recovering it) and is killed again.
        var models = new List<WorkerModel>();
        for (var round = 0; round < Rounds; round++)
        {
            var killAfter = 40 + Random.Shared.Next(30);
            var roundModels = Enumerable.Range(round * Workers, Workers).Select(static w => new WorkerModel(w)).ToArray();
            models.AddRange(roundModels);
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _acks = 0;
            _inFlight = 0;
            await using (var node = await NodeProcess.StartAsync(_folder, "crash"))
            {
                var workers = roundModels.Select(m => Task.Run(() => DriveAsync(node.Http, m, killAfter, killNow, CancellationToken.None))).ToArray();
                var finished = await Task.WhenAny(killNow.Task, Task.WhenAll(workers).WaitAsync(NodeProcess.Patience));
                if (finished != killNow.Task)
                {
                    await finished; // a worker failed before the kill: report why
                }
                await node.KillAsync();
                await Task.WhenAll(workers).WaitAsync(NodeProcess.Patience);
                Assert.True(_acks >= killAfter, $"round {round}: only {_acks} acknowledged changes before the kill");
            }
            // Every answer of this round came before the kill: what was queued before the last acknowledged send is durable.
            foreach (var model in roundModels)
            {
                model.DurableBefore = Interlocked.Read(ref _latestAckedSend);
            }
            await VerifyJournalAsync(models);
        }

        // The node starts again on the folder and shows the same state; Running tasks run again with their arguments.
        await using (var node = await NodeProcess.StartAsync(_folder, "crash"))
        {
            var apps = await GetJsonAsync(node.Http, "/api/apps");
            var tasks = (await GetJsonAsync(node.Http, "/api/tasks")).EnumerateArray().ToDictionary(static t => t.GetProperty("id").GetInt64());
            var problems = new List<string>();
            foreach (var model in models)
            {
                if (!model.AckedVersions.IsEmpty)
                {
                    var versions = (await GetJsonAsync(node.Http, $"/api/apps/{model.App}/versions")).EnumerateArray().Select(static v => v.GetProperty("version").GetInt32()).ToHashSet();
                    problems.AddRange(model.AckedVersions.Where(v => !versions.Contains(v)).Select(v => $"API: {model.App} version {v} lost"));
                    Assert.Contains(apps.EnumerateArray(), a => a.GetProperty("name").GetString() == model.App);
                }
                foreach (var task in model.Tasks.Values)
                {
                    var found = tasks.TryGetValue(task.Id, out var view) ? view.GetProperty("state").GetString()! : Deleted;
                    if (!task.Allowed.Contains(found))
                    {
                        problems.Add($"API: task {task.Id} ({task.Name}) is {found}, expected {string.Join(" or ", task.Allowed)}");
                    }
                }
                problems.AddRange(UnexpectedTasks(model, tasks.Values.Where(t => t.GetProperty("app").GetString() == model.App)
                    .Select(static t => (t.GetProperty("id").GetInt64(), t.GetProperty("name").GetString()!))));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            var running = tasks.Values.Where(static t => t.GetProperty("state").GetString() == "Running" && t.GetProperty("app").GetString()!.StartsWith("crash", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(running);
            foreach (var task in running)
            {
                var id = task.GetProperty("id").GetInt64();
                // Names are w<worker>-<round>, tags t<worker>-<round> (a task whose start was in flight has no model).
                var tag = "t" + task.GetProperty("name").GetString()![1..];
                await AwaitLogAsync(node.Http, id, "tag " + tag, CancellationToken.None);
            }
            var disabled = tasks.Values.Where(static t => t.GetProperty("state").GetString() == "Disabled").ToList();
            foreach (var task in disabled)
            {
                var logs = await GetJsonAsync(node.Http, $"/api/tasks/{task.GetProperty("id").GetInt64()}/logs");
                Assert.True(logs.GetArrayLength() == 0, $"Disabled task {task.GetProperty("id")} ran after the restart: {logs}");
            }
            Assert.Equal(0, await node.TerminateAsync());
        }
    }

    private const string Deleted = "(deleted)";

    /// <summary>What the kill left on disk, read directly: an intact file, a journal with no unreadable event, every acknowledged change.</summary>
    private async Task VerifyJournalAsync(IReadOnlyList<WorkerModel> models)
    {
        Assert.Equal("ok", await IntegrityCheckAsync());
        var host = PersistenceHost.Start(new PersistenceOptions { DataFolder = _folder });
        await using (host)
        {
            var state = await host.Store.LoadAsync();
            Assert.Equal(0, host.Store.SkippedEvents);
            var problems = new List<string>();
            var tasks = state.Tasks.ToDictionary(static t => t.Id);
            foreach (var model in models)
            {
                var versions = state.Apps.Where(a => a.Name == model.App).Select(static a => a.Version).ToHashSet();
                problems.AddRange(model.AckedVersions.Where(v => !versions.Contains(v)).Select(v => $"{model.App} version {v} lost"));
                foreach (var task in model.Tasks.Values)
                {
                    var found = tasks.TryGetValue(task.Id, out var record) ? record.State.ToString() : Deleted;
                    if (!task.Allowed.Contains(found))
                    {
                        problems.Add($"journal: task {task.Id} ({task.Name}) is {found}, expected {string.Join(" or ", task.Allowed)}");
                    }
                    if (record is not null && !(record.ArgumentsJson ?? "").Contains(task.Tag, StringComparison.Ordinal))
                    {
                        problems.Add($"journal: task {task.Id} arguments {record.ArgumentsJson}, expected the tag {task.Tag}");
                    }
                    if (record is not null && task.ObservedAt > 0 && task.ObservedAt < model.DurableBefore)
                    {
                        var data = state.TaskData.GetValueOrDefault(task.Id);
                        if (data is null || !data.TryGetValue("tag", out var value) || !value.Contains(task.Tag, StringComparison.Ordinal))
                        {
                            problems.Add($"journal: task {task.Id} data 'tag' lost (written before an acknowledged change)");
                        }
                    }
                }
                problems.AddRange(UnexpectedTasks(model, state.Tasks.Where(t => t.App == model.App).Select(static t => (t.Id, t.Name))));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    private static IEnumerable<string> UnexpectedTasks(WorkerModel model, IEnumerable<(long Id, string Name)> found) =>
        found.Where(t => !model.Tasks.ContainsKey(t.Id) && t.Name != model.PendingStartName)
            .Select(t => $"task {t.Id} ({t.Name}) of {model.App} was never acknowledged nor in flight");

    private async Task DriveAsync(HttpClient http, WorkerModel model, int killAfter, TaskCompletionSource killNow, CancellationToken ct)
    {
        try
        {
            for (var i = 0; ; i++)
            {
                if (i % 3 == 0)
                {
                    var app = await ChangeAsync(http, model, HttpMethod.Post, "/api/apps", new { name = model.App, source = App + $"\n-- version of round {i}\n" }, null, null, killAfter, killNow, ct);
                    model.AckedVersions.Add(app.GetProperty("version").GetInt32());
                }
                var tag = $"t{model.Worker}-{i}";
                var name = $"w{model.Worker}-{i}";
                model.PendingStartName = name;
                var started = await ChangeAsync(http, model, HttpMethod.Post, "/api/tasks", new { app = model.App, function = "main", arguments = new[] { tag }, name }, null, null, killAfter, killNow, ct);
                var task = new TaskModel(started.GetProperty("id").GetInt64(), name, tag) { Acked = "Running" };
                model.Tasks[task.Id] = task;
                model.PendingStartName = null;
                Assert.Equal("Running", started.GetProperty("state").GetString());

                await AwaitLogAsync(http, task.Id, "tag " + tag, ct);
                task.ObservedAt = Interlocked.Increment(ref _clock);

                switch (i % 4)
                {
                    case 1:
                        await ChangeAsync(http, model, HttpMethod.Post, $"/api/tasks/{task.Id}/stop", null, task, "Disabled", killAfter, killNow, ct);
                        break;
                    case 2:
                        await ChangeAsync(http, model, HttpMethod.Post, $"/api/tasks/{task.Id}/stop", null, task, "Disabled", killAfter, killNow, ct);
                        await ChangeAsync(http, model, HttpMethod.Post, $"/api/tasks/{task.Id}/resume", null, task, "Running", killAfter, killNow, ct);
                        break;
                    case 3:
                        await ChangeAsync(http, model, HttpMethod.Post, $"/api/tasks/{task.Id}/stop", null, task, "Disabled", killAfter, killNow, ct);
                        await ChangeAsync(http, model, HttpMethod.Delete, $"/api/tasks/{task.Id}", null, task, Deleted, killAfter, killNow, ct);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception e) when (killNow.Task.IsCompleted && e is HttpRequestException or TaskCanceledException or IOException)
        {
            // The node was killed under this request: it stays in the model as in flight.
        }
    }

    /// <summary>Sends one change; on success records it as acknowledged (and counts towards the kill).</summary>
    private async Task<JsonElement> ChangeAsync(HttpClient http, WorkerModel model, HttpMethod method, string path, object? body, TaskModel? task, string? result, int killAfter, TaskCompletionSource killNow, CancellationToken ct)
    {
        var sentAt = Interlocked.Increment(ref _clock);
        if (task is not null)
        {
            task.Pending = result;
        }
        // The kill comes once enough changes were acknowledged and at least two are in flight, this one just sent.
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _acks) >= killAfter && inFlight >= 2)
        {
            killNow.TrySetResult();
        }
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
        using var answered = response;
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        if (task is not null)
        {
            task.Acked = result!;
            task.Pending = null;
        }
        long seen;
        while ((seen = Interlocked.Read(ref _latestAckedSend)) < sentAt && Interlocked.CompareExchange(ref _latestAckedSend, sentAt, seen) != seen)
        {
        }
        Interlocked.Increment(ref _acks);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    private static async Task AwaitLogAsync(HttpClient http, long id, string text, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(NodeProcess.Patience);
        while (true)
        {
            var logs = await GetJsonAsync(http, $"/api/tasks/{id}/logs", timeout.Token);
            if (logs.EnumerateArray().Any(l => l.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }
            Assert.False(timeout.IsCancellationRequested && !ct.IsCancellationRequested, $"task {id} did not log '{text}' within {NodeProcess.Patience}: {logs}");
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "journal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What one client did: its app's acknowledged versions and its tasks.</summary>
    private sealed class WorkerModel(int worker)
    {
        public int Worker { get; } = worker;

        public string App => $"crash{Worker}";

        public ConcurrentBag<int> AckedVersions { get; } = [];

        public ConcurrentDictionary<long, TaskModel> Tasks { get; } = new();

        /// <summary>Changes queued before this logical time were followed by an acknowledged change of the same run.</summary>
        public long DurableBefore { get; set; }

        /// <summary>The name of a task whose start was sent and not answered (it may exist after the crash).</summary>
        public string? PendingStartName { get; set; }
    }

    /// <summary>One task: its last acknowledged state and the state an unanswered request may have left.</summary>
    private sealed class TaskModel(long id, string name, string tag)
    {
        public long Id { get; } = id;

        public string Name { get; } = name;

        public string Tag { get; } = tag;

        public string Acked { get; set; } = "Running";

        public string? Pending { get; set; }

        /// <summary>The clock when its "tag" line was seen (its data write queued); 0 if never.</summary>
        public long ObservedAt { get; set; }

        public IReadOnlyList<string> Allowed => Pending is null ? [Acked] : [Acked, Pending];
    }
}
