using KeraLua;
using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public class LuaStateTests
{
    [Fact]
    public void Resume_YieldingThread_ReturnsYieldedValuesThenResumedValues()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, """
            function main(a, b)
              local x = coroutine.yield(a + b, "first")
              return x * 2, "done"
            end
            """);
        thread.PushInteger(2);
        thread.PushInteger(3);

        var first = thread.Resume();
        Assert.Equal(LuaResumeStatus.Yielded, first.Status);
        Assert.Equal(2, first.ValueCount);
        Assert.Equal(5L, thread.GetValue(1));
        Assert.Equal("first", thread.GetValue(2));

        thread.PushNumber(10.5);
        var second = thread.Resume();
        Assert.Equal(LuaResumeStatus.Finished, second.Status);
        Assert.Equal(21.0, thread.GetValue(1));
        Assert.Equal("done", thread.GetValue(2));
        Assert.Equal(LuaThreadStatus.Dead, thread.Status);
    }

    [Fact]
    public void Resume_ManyRoundTrips_KeepsStackBalanced()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, "function main() local n = 0 while true do n = n + coroutine.yield(n) end end");
        LuaResumeResult result = default;
        for (var i = 0; i < 10_000; i++)
        {
            thread.PushInteger(1);
            result = thread.Resume();
        }
        Assert.Equal(LuaResumeStatus.Yielded, result.Status);
        Assert.Equal(9_999L, thread.GetValue(1));
    }

    [Fact]
    public void LoadApp_SyntaxError_ReportsChunkNameAndLine()
    {
        using var state = LuaTestState.Create();
        var result = state.LoadApp("local x = 1\nlocal y = 2\nlocal z = = 3\n", "app.lua");
        Assert.False(result.Success);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.StartsWith("app.lua:3:", result.Message, StringComparison.Ordinal);
        Assert.Empty(state.EntryNames);
    }

    [Fact]
    public void LoadApp_SyntaxErrorAfterDefinitions_DefinesNothing()
    {
        using var state = LuaTestState.Create();
        var result = state.LoadApp("function Early() end\nfunction Broken(\n", "app.lua");
        Assert.False(result.Success);
        Assert.False(state.TryGetEntry("Early", out _));
    }

    [Fact]
    public void Resume_RuntimeError_TracebackNamesFunctionAndLine()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, """
            local function inner(t)
              local v = t.field.missing return v
            end
            function Outer()
              local r = inner({}) return r
            end
            function main() Outer() end
            """);
        var result = thread.Resume();
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.StartsWith("app.lua:2: attempt to index a nil value (field 'field')", result.Message, StringComparison.Ordinal);
        Assert.Contains("stack traceback:", result.Traceback, StringComparison.Ordinal);
        Assert.True(result.Traceback!.Contains("app.lua:2: in upvalue 'inner'", StringComparison.Ordinal), result.Traceback);
        Assert.True(result.Traceback.Contains("app.lua:5: in function 'Outer'", StringComparison.Ordinal), result.Traceback);
    }

    [Fact]
    public void Resume_ErrorWithTableObject_DescribedThroughToString()
    {
        using var state = LuaTestState.Create();
        var result = LuaTestState.Run(state, "error(setmetatable({}, { __tostring = function() return 'custom failure' end }))", out _);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Equal("custom failure", result.Message);
    }

    [Fact]
    public void Resume_DeepRecursion_CleanStackOverflowError()
    {
        using var state = LuaTestState.Create(memoryLimit: 512L * 1024 * 1024);
        var result = LuaTestState.Run(state, "local function f(n) return 1 + f(n + 1) end return f(1)", out _);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Contains("stack overflow", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_DeepRecursionThroughPcall_CleanError()
    {
        using var state = LuaTestState.Create();
        var result = LuaTestState.Run(state, "local function f() local ok, e = pcall(f) if not ok then error(e, 0) end end f()", out _);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Contains("stack overflow", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_SuspendedThread_RunsToBeClosedVariables()
    {
        var lines = new List<string>();
        using var state = LuaTestState.Create(print: lines.Add);
        var thread = LuaTestState.Start(state, """
            function main()
              local guard <close> = setmetatable({}, { __close = function(_, err) print("closed", err) end })
              coroutine.yield()
            end
            """);
        Assert.Equal(LuaResumeStatus.Yielded, thread.Resume().Status);
        Assert.Empty(lines);

        Assert.Null(thread.Close());

        Assert.Equal(["closed\tnil"], lines);
        Assert.Equal(LuaThreadStatus.Closed, thread.Status);
        Assert.Equal(0, state.ThreadCount);
    }

    [Fact]
    public void Close_ErroredThread_RunsToBeClosedVariablesWithTheError()
    {
        var lines = new List<string>();
        using var state = LuaTestState.Create(print: lines.Add);
        var result = LuaTestState.Run(state, """
            local guard <close> = setmetatable({}, { __close = function(_, err) print("closed", err) end })
            error("boom", 0)
            """, out var thread);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Empty(lines);
        thread.Close();
        Assert.Equal(["closed\tboom"], lines);
    }

    [Fact]
    public void Dispose_WithSuspendedThreads_ClosesThemAndFreesAllMemory()
    {
        var lines = new List<string>();
        var state = LuaTestState.Create(print: lines.Add);
        var thread = LuaTestState.Start(state, """
            function main()
              local guard <close> = setmetatable({}, { __close = function() print("closed") end })
              coroutine.yield()
            end
            """);
        thread.Resume();
        Assert.True(state.MemoryUsed > 0);

        state.Dispose();

        Assert.Equal(["closed"], lines);
        Assert.Equal(0, state.MemoryUsed);
    }

    [Fact]
    public void TryGetEntry_GlobalFunctions_FoundAndEnumerated()
    {
        using var state = LuaTestState.Create();
        var load = state.LoadApp("local function helper() end\nfunction ComboOnOff(a, b) return a + b end\nfunction Second() end\nvalue = 3\n", "app.lua");
        Assert.True(load.Success);
        Assert.Equal(["ComboOnOff", "Second"], state.EntryNames);
        Assert.True(state.TryGetEntry("ComboOnOff", out var entry));
        Assert.False(state.TryGetEntry("helper", out _));
        Assert.False(state.TryGetEntry("value", out _));
        Assert.False(state.TryGetEntry("print", out _) && state.EntryNames.Contains("print"));

        var thread = state.CreateThread(entry);
        thread.PushInteger(4);
        thread.PushInteger(5);
        Assert.Equal(LuaResumeStatus.Finished, thread.Resume().Status);
        Assert.Equal(9L, thread.GetValue(1));
    }

    [Fact]
    public void TryGetEntry_ReturnedTable_TakesEntriesFromTheTable()
    {
        using var state = LuaTestState.Create();
        var load = state.LoadApp("local function DenonAVR() return 'denon' end\nfunction Global() end\nreturn { DenonAVR = DenonAVR, notAFunction = 1 }\n", "app.lua");
        Assert.True(load.Success);
        Assert.Equal(["DenonAVR"], state.EntryNames);
        Assert.False(state.TryGetEntry("Global", out _));
        Assert.True(state.TryGetEntry("DenonAVR", out var entry));
        var thread = state.CreateThread(entry);
        thread.Resume();
        Assert.Equal("denon", thread.GetValue(1));
    }

    [Fact]
    public void LoadApp_TopLevelRuntimeError_ReportedWithTraceback()
    {
        using var state = LuaTestState.Create();
        var load = state.LoadApp("local x = nil\nlocal y = x.z\n", "app.lua");
        Assert.False(load.Success);
        Assert.Equal(LuaResumeStatus.Errored, load.Status);
        Assert.StartsWith("app.lua:2:", load.Message, StringComparison.Ordinal);
        Assert.Contains("stack traceback:", load.Traceback, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedGlobal_Read_IsNil()
    {
        Assert.Equal(LuaType.Nil, LuaTestState.Eval("NoSuchGlobal") is null ? LuaType.Nil : LuaType.None);
        Assert.Equal(true, LuaTestState.Eval("undefined_one == nil and rawget(_G, 'undefined_one') == nil"));
    }

    [Fact]
    public void AppCoroutines_WrapAndResume_WorkNormally()
    {
        Assert.Equal("1,2,3|done", LuaTestState.Eval("""
            (function()
              local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return "done" end)
              local t = {}
              for i = 1, 3 do t[i] = gen() end
              local co = coroutine.create(function() return "done" end)
              local ok, v = coroutine.resume(co)
              return table.concat(t, ",") .. "|" .. v
            end)()
            """));
    }

    [Fact]
    public void CoroutineWrap_ErrorInside_PropagatesWithPosition()
    {
        var message = LuaTestState.Error("local f = coroutine.wrap(function() error('inner') end)\nf()");
        Assert.Contains("inner", message, StringComparison.Ordinal);
        Assert.StartsWith("app.lua:", message, StringComparison.Ordinal);
    }
}
