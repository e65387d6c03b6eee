using Liberty.Node.Lua;
using Liberty.Tests.Support;

namespace Liberty.Tests.Lua;

/// <summary>Helpers to run Lua snippets in a fresh <see cref="LuaState"/>.</summary>
internal static class LuaTestState
{
    public static LuaState Create(long memoryLimit = LuaTaskOptions.DefaultMemoryLimitBytes, Liberty.Node.Lua.LuaApi? api = null,
        TimeProvider? time = null, Action<string>? print = null, int hookCount = LuaTaskOptions.DefaultHookInstructionCount) =>
        new(new LuaTaskOptions
        {
            MemoryLimitBytes = memoryLimit,
            TimeProvider = time ?? new ManualTimeProvider(),
            Print = print,
            HookInstructionCount = hookCount,
        }, api);

    /// <summary>Loads <paramref name="source"/> as app.lua (asserting success) and starts entry <paramref name="entry"/>.</summary>
    public static LuaCoroutine Start(LuaState state, string source, string entry = "main")
    {
        var load = state.LoadApp(source, "app.lua");
        Assert.True(load.Success, $"load failed: {load.Message}\n{load.Traceback}");
        Assert.True(state.TryGetEntry(entry, out var function), $"entry {entry} not found");
        return state.CreateThread(function);
    }

    /// <summary>Runs <c>function main() BODY end</c> to its first stop.</summary>
    public static LuaResumeResult Run(LuaState state, string body, out LuaCoroutine thread)
    {
        thread = Start(state, "function main()\n" + body + "\nend\n");
        return thread.Resume();
    }

    /// <summary>Evaluates a Lua expression in a fresh state and returns its first value (see <see cref="LuaCoroutine.GetValue"/>).</summary>
    public static object? Eval(string expression)
    {
        using var state = Create();
        var result = Run(state, "return " + expression, out var thread);
        Assert.True(result.Status == LuaResumeStatus.Finished, $"{result.Status}: {result.Message}\n{result.Traceback}");
        return thread.GetValue(1);
    }

    /// <summary>Runs a body expected to raise; returns the error message.</summary>
    public static string Error(string body)
    {
        using var state = Create();
        var result = Run(state, body, out _);
        Assert.True(result.Status == LuaResumeStatus.Errored, $"expected an error, got {result.Status}");
        return result.Message!;
    }
}
