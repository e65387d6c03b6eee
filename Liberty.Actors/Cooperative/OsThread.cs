using System.Globalization;
using System.Runtime.InteropServices;

namespace Liberty.Actors.Cooperative;

/// <summary>
/// The kernel's view of a thread, for reporting what a stuck slice costs: its id, and the CPU it has used.
/// Linux only (a gateway's OS); elsewhere the id is 0 and the CPU time unknown.
/// </summary>
public static class OsThread
{
    // The kernel's clock ticks per second for /proc times (USER_HZ): 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The calling thread's kernel id (Linux <c>gettid</c>), or 0 elsewhere.</summary>
    /// <returns>The id.</returns>
    public static int CurrentId() => OperatingSystem.IsLinux() ? GetTid() : 0;

    /// <summary>The CPU time (user + system) a thread of this process has used, from <c>/proc/self/task/ID/stat</c>.</summary>
    /// <param name="osThreadId">The kernel's id of the thread.</param>
    /// <returns>The time, or null when it cannot be read (not Linux, the thread is gone).</returns>
    public static TimeSpan? CpuTime(int osThreadId)
    {
        if (osThreadId <= 0 || !OperatingSystem.IsLinux())
        {
            return null;
        }
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/self/task/{osThreadId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // Fields after the command (which may hold spaces) start after its closing parenthesis: state is field 3,
        // utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 12 && long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user) && long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)
            ? TimeSpan.FromSeconds((user + system) / TicksPerSecond)
            : null;
    }

    // A plain DllImport: the call takes and returns blittable values only, and LibraryImport's generated stub would
    // need unsafe code in this project.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
