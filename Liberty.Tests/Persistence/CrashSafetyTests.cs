using System.Diagnostics;
using System.Globalization;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Microsoft.Data.Sqlite;

namespace Liberty.Tests.Persistence;

/// <summary>
/// Kills a writer process (SIGKILL) while it writes and acknowledges, then checks that every acknowledged
/// change is in the SQLite file (Akka.Persistence.Sql journal and snapshots) and the file is intact. The writer is <see cref="CrashWriter"/>, this
/// assembly started again in its hidden mode.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int AcksBeforeKill = 600;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly SqliteTarget _target = new();

    [Fact]
    public async Task KilledWhileWriting_EveryAcknowledgedChangeSurvivesAndFileIsIntact()
    {
        var acked = new Dictionary<long, int>();
        for (var round = 0; round < 2; round++)
        {
            // Round 2 starts from the state round 1's kill left, recovers it, and is killed again.
            foreach (var (id, step) in await RunAndKillAsync(round * 100_000_000L))
            {
                acked[id] = Math.Max(acked.GetValueOrDefault(id), step);
            }
        }

        Assert.Equal("ok", await IntegrityCheckAsync());
        var host = PersistenceHost.Start(_target.Options(CrashWriter.SnapshotEvery));
        await using (host)
        {
            var state = await host.Store.LoadAsync();
            Assert.Equal(0, host.Store.SkippedEvents);
            var tasks = state.Tasks.ToDictionary(static t => t.Id);
            var missing = new List<string>();
            foreach (var (id, step) in acked)
            {
                if (!tasks.TryGetValue(id, out var task))
                {
                    missing.Add($"task {id} (acknowledged step {step})");
                    continue;
                }
                if (step >= 2 && !(state.TaskData.TryGetValue(id, out var data) && data.GetValueOrDefault("n") == id.ToString(CultureInfo.InvariantCulture)))
                {
                    missing.Add($"data of task {id}");
                }
                if (step >= 3 && task != CrashWriter.Task(id, TaskState.Stopped, "done " + id.ToString(CultureInfo.InvariantCulture)))
                {
                    missing.Add($"final state of task {id}: found {task.State}/{task.Reason}");
                }
            }
            Assert.True(missing.Count == 0, $"{missing.Count} of {acked.Count} acknowledged tasks lost something: {string.Join(", ", missing.Take(20))}");
            Assert.True(acked.Count >= AcksBeforeKill / 3, $"expected at least {AcksBeforeKill / 3} acknowledged tasks, saw {acked.Count}");
        }
    }

    public void Dispose() => _target.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<List<(long Id, int Step)>> RunAndKillAsync(long idBase)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CrashWriter).Assembly.Location);
        start.Environment[CrashWriter.FolderVariable] = _target.Folder;
        start.Environment[CrashWriter.BaseVariable] = idBase.ToString(CultureInfo.InvariantCulture);
        var acks = new List<(long, int)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var child = new Process { StartInfo = start };
        child.OutputDataReceived += (_, e) =>
        {
            var parts = e.Data?.Split(' ');
            if (parts is ["ack", var id, var step])
            {
                lock (acks)
                {
                    acks.Add((long.Parse(id, CultureInfo.InvariantCulture), int.Parse(step, CultureInfo.InvariantCulture)));
                    if (acks.Count >= AcksBeforeKill)
                    {
                        enough.TrySetResult();
                    }
                }
            }
        };
        var errors = new System.Text.StringBuilder();
        child.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        child.Start();
        try
        {
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var exited = child.WaitForExitAsync();
            var first = await Task.WhenAny(enough.Task, exited, Task.Delay(Patience));
            if (first != enough.Task)
            {
                var code = child.HasExited ? child.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
                Assert.Fail($"the writer did not acknowledge {AcksBeforeKill} writes within {Patience.TotalSeconds} s (saw {acks.Count}; exit: {code}):\n{errors}");
            }
            child.Kill(); // SIGKILL on Linux: no flush, no finalizers, mid-transaction.
            await exited.WaitAsync(Patience);
            // Every line the child printed before it died has been read once the exit is observed.
            child.WaitForExit();
            lock (acks)
            {
                return [.. acks];
            }
        }
        finally
        {
            // Whatever failed above, no writer outlives the test.
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_target.FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
