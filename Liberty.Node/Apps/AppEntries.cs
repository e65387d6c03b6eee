using System.Text.RegularExpressions;
using Liberty.Node.Lua;

namespace Liberty.Node.Apps;

/// <summary>
/// Finds an app's entry functions at deployment, without a task: its top level runs once in a throw-away Lua state
/// (sandboxed, memory-limited, without the task API, killed after <see cref="TopLevelLimit"/>), and the entries are what
/// it defined (the returned module table's functions, or its new global functions), as a task would see them.
/// </summary>
/// <remarks><b>Thread:</b> any (each call has its own state). Blocks for at most <see cref="TopLevelLimit"/>.</remarks>
internal static partial class AppEntries
{
    /// <summary>How long an app's top level may run at deployment before it is given up on.</summary>
    public static readonly TimeSpan TopLevelLimit = TimeSpan.FromSeconds(2);

    /// <summary>The entry functions of <paramref name="source"/>, sorted; null when its top level cannot run without a task.</summary>
    /// <param name="source">The app's Lua source (already compiled once: no syntax errors).</param>
    /// <param name="chunkName">Its chunk name.</param>
    /// <param name="memoryLimitBytes">The memory limit of the throw-away state.</param>
    /// <returns>The names, or null when unknown.</returns>
    public static IReadOnlyList<string>? Discover(string source, string chunkName, long memoryLimitBytes)
    {
        // The system clock on purpose: this bounds real CPU time (like the watchdog), and a test's manual clock never
        // advances while a deployment runs.
        using var state = new LuaState(new LuaTaskOptions { MemoryLimitBytes = memoryLimitBytes, TimeProvider = TimeProvider.System });
        using var limit = TimeProvider.System.CreateTimer(static s => ((LuaState)s!).RequestKill(), state, TopLevelLimit, Timeout.InfiniteTimeSpan);
        var load = state.LoadApp(source, chunkName);
        return load.Success ? state.EntryNames : null;
    }

    /// <summary>
    /// The global functions the source declares at the start of a line (<c>function Name(</c>), sorted: what <c>app list</c>
    /// shows when the top level cannot run without a task.
    /// </summary>
    /// <param name="source">The Lua source.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Declared(string source) =>
        [.. GlobalFunction().Matches(source).Select(static m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^[ \t]*function[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(", RegexOptions.Multiline)]
    private static partial Regex GlobalFunction();
}
