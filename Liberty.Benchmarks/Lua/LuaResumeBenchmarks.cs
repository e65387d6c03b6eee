using BenchmarkDotNet.Attributes;
using KeraLua;
using Liberty.Node.Lua;

namespace Liberty.Benchmarks.Lua;

/// <summary>
/// One coroutine resume/yield round trip: raw through KeraLua's managed API (bare, and with a Lua count
/// hook every 1,000 instructions), and through <see cref="LuaCoroutine.Resume"/> (the engine's path:
/// kill hook, allocator accounting, status mapping). docs/architecture.md quotes ≈ 95 ns bare and ≈ 112 ns hooked.
/// </summary>
[MemoryDiagnoser]
public class LuaResumeBenchmarks : IDisposable
{
    private const string Loop = "return function() while true do coroutine.yield() end end";
    private KeraLua.Lua _bare = null!;
    private KeraLua.Lua _bareThread = null!;
    private KeraLua.Lua _hooked = null!;
    private KeraLua.Lua _hookedThread = null!;
    private LuaState _state = null!;
    private LuaCoroutine _taskThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_bare, _bareThread) = Create(hook: false);
        (_hooked, _hookedThread) = Create(hook: true);
        _state = new LuaState(new LuaTaskOptions());
        if (!_state.LoadApp("function main() while true do coroutine.yield() end end", "bench.lua").Success
            || !_state.TryGetEntry("main", out var entry))
        {
            throw new InvalidOperationException("benchmark app did not load");
        }
        _taskThread = _state.CreateThread(entry);
        _taskThread.Resume();
    }

    private static (KeraLua.Lua State, KeraLua.Lua Thread) Create(bool hook)
    {
        var lua = new KeraLua.Lua();
        if (lua.DoString(Loop))
        {
            throw new InvalidOperationException(lua.ToString(-1));
        }
        // Main stack: [function, thread]. Name the thread for the hook chunk, then move the function over.
        var thread = lua.NewThread();
        lua.PushCopy(-1);
        lua.SetGlobal("co");
        if (hook && lua.DoString("debug.sethook(co, function() end, '', 1000)"))
        {
            throw new InvalidOperationException(lua.ToString(-1));
        }
        lua.Rotate(-2, 1);
        lua.XMove(thread, 1);
        thread.Resume(null, 0, out _);
        return (lua, thread);
    }

    [Benchmark(Baseline = true, Description = "KeraLua resume/yield, no hook")]
    public LuaStatus KeraLuaBare()
    {
        var status = _bareThread.Resume(null, 0, out var results);
        _bareThread.Pop(results);
        return status;
    }

    [Benchmark(Description = "KeraLua resume/yield, count hook 1000")]
    public LuaStatus KeraLuaHooked()
    {
        var status = _hookedThread.Resume(null, 0, out var results);
        _hookedThread.Pop(results);
        return status;
    }

    [Benchmark(Description = "LuaCoroutine.Resume (kill hook 1000, accounting)")]
    public int TaskThread() => (int)_taskThread.Resume().Status;

    [GlobalCleanup]
    public void Dispose()
    {
        _state?.Dispose();
        _bare?.Dispose();
        _hooked?.Dispose();
        GC.SuppressFinalize(this);
    }
}
