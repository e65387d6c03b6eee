using System.Globalization;
using System.Runtime.CompilerServices;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>
/// The child process of <see cref="CrashSafetyTests"/>: a hidden mode of this test assembly. Started as
/// <c>dotnet Liberty.Tests.dll</c> with <see cref="FolderVariable"/> set, the module initializer (which runs
/// before the assembly's generated entry point) writes to an <see cref="AkkaTaskStore"/> (on its own actor system, as in the node) in that folder
/// forever and prints <c>ack ID STEP</c> after every acknowledged write, until it is killed. Without the
/// variable it does nothing, so test runs are unaffected.
/// </summary>
internal static class CrashWriter
{
    public const string FolderVariable = "LIBERTY_CRASH_WRITER_FOLDER";
    public const string BaseVariable = "LIBERTY_CRASH_WRITER_BASE";
    public const int SnapshotEvery = 25;
    public const int Writers = 4;
    public const long WriterStride = 1_000_000;

#pragma warning disable CA2255 // A module initializer in a test assembly, on purpose: it is the hidden child mode (see the summary).
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfAsked()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        var idBase = long.Parse(Environment.GetEnvironmentVariable(BaseVariable) ?? "0", CultureInfo.InvariantCulture);
        // The initializer must return at once: until it does, every other thread that touches this
        // assembly's types waits for it. A foreground thread keeps the process alive after the
        // generated entry point returns.
        var thread = new Thread(() =>
        {
            try
            {
                RunAsync(folder, idBase).GetAwaiter().GetResult();
                Environment.Exit(0);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("crash writer failed: " + ex);
                Environment.Exit(2);
            }
        })
        { IsBackground = false, Name = "crash writer" };
        thread.Start();
    }

    public static TaskRecord Task(long id, TaskState state, string? reason) =>
        new(id, "crash" + id, "blink", 1, "main", "{\"i\":" + id.ToString(CultureInfo.InvariantCulture) + "}", state, reason, null,
            new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    private static async Task RunAsync(string folder, long idBase)
    {
        var options = new PersistenceOptions { DataFolder = folder, SnapshotEvery = SnapshotEvery };
        var store = PersistenceHost.Start(options).Store;
        await store.LoadAsync();
        Console.Out.WriteLine("ready");
        var writers = Enumerable.Range(0, Writers).Select(w => System.Threading.Tasks.Task.Run(async () =>
        {
            for (var i = 0L; ; i++)
            {
                var id = idBase + (w * WriterStride) + i;
                await store.SaveTaskAsync(Task(id, TaskState.Running, null));
                Ack(id, 1);
                await store.SaveTaskDataAsync(id, "n", id.ToString(CultureInfo.InvariantCulture));
                Ack(id, 2);
                await store.SaveTaskAsync(Task(id, TaskState.Stopped, "done " + id.ToString(CultureInfo.InvariantCulture)));
                Ack(id, 3);
            }
        }));
        await System.Threading.Tasks.Task.WhenAll(writers);
    }

    private static void Ack(long id, int step) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {id} {step}"));
}
