using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public class LuaApiBuilderTests
{
    private static Liberty.Node.Lua.LuaApi WaitApi(List<long> calls) => new LuaApiBuilder()
        .Add("Libre_Add", context =>
        {
            if (!context.TryGetInteger(1, "a", out var a, out var error) || !context.TryGetInteger(2, "b", out var b, out error))
            {
                return context.Fail(error!);
            }
            context.PushInteger(a + b);
            return 1;
        })
        .Add("Libre_Wait", context =>
        {
            if (!context.TryGetOptionalInteger(1, "ms", -1, out var ms, out var error, LuaRounding.Ceiling))
            {
                return context.Fail(error!);
            }
            calls.Add(ms);
            context.PushInteger(ms);
            return 1;
        }, """
            return function(raw, rt)
              return function(ms)
                local ok, v = raw(ms)
                if not ok then rt.error(v, 2) end
                rt.yield("wait", v)
              end
            end
            """)
        .Add("Libre_VirtualDeviceSetAttributes", _ => 0)
        .Alias("Libertas_VirtualDeviceUpdate", "Libre_VirtualDeviceSetAttributes")
        .Add("Libre_Throws", _ => throw new InvalidOperationException("bad state"))
        .Build();

    [Fact]
    public void Binding_UnknownOrNonStringNames_ReadNil_AliasBindsEveryName()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, """
            local before = rawget(_G, "Libre_VirtualDeviceSetAttributes")
            local f = Libertas_VirtualDeviceUpdate
            return before == nil, _G[1] == nil, NoSuchFunction == nil, rawget(_G, "Libre_VirtualDeviceSetAttributes") == f, type(f)
            """, out var thread);
        Assert.True(result.Status == LuaResumeStatus.Finished, $"{result.Status}: {result.Message}");
        Assert.Equal([true, true, true, true, "function"], Enumerable.Range(1, 5).Select(thread.GetValue));
    }

    [Fact]
    public void Call_ValidArguments_ReturnsResults()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "return Libre_Add(2, 10 / 2)", out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal(7L, thread.GetValue(1));
    }

    [Fact]
    public void Call_BadArgument_LuaErrorNamingFunctionArgumentAndAppLine()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "local x = 1\nLibre_Add(1, 'two')", out _);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Equal("app.lua:3: Libre_Add: argument 2 (b) must be a number, got string", result.Message);
    }

    [Fact]
    public void Call_ErrorUnderPcall_CaughtAsNormalError()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "local ok, e = pcall(Libre_Add, 1.5, 1) return ok, e", out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal(false, thread.GetValue(1));
        Assert.Equal("Libre_Add: argument 1 (a) must be an integer, got 1.5", thread.GetValue(2));
    }

    [Fact]
    public void Alias_Libertas_SameFunction()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, """
            return Libertas_Add(1, 2), Libre_Add == Libertas_Add,
              Libre_VirtualDeviceSetAttributes == Libertas_VirtualDeviceUpdate, Libertas_VirtualDeviceSetAttributes ~= nil
            """, out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal(3L, thread.GetValue(1));
        Assert.Equal(true, thread.GetValue(2));
        Assert.Equal(true, thread.GetValue(3));
        Assert.Equal(true, thread.GetValue(4));
    }

    [Fact]
    public void Adapter_YieldingFunction_YieldsToTheEngine()
    {
        var calls = new List<long>();
        using var state = LuaTestState.Create(api: WaitApi(calls));
        var result = LuaTestState.Run(state, "Libre_Wait(10.2) Libre_Wait() return 'after'", out var thread);
        Assert.Equal(LuaResumeStatus.Yielded, result.Status);
        Assert.Equal("wait", thread.GetValue(1));
        Assert.Equal(11L, thread.GetValue(2));
        Assert.Equal(LuaResumeStatus.Yielded, thread.Resume().Status);
        Assert.Equal(-1L, thread.GetValue(2));
        Assert.Equal(LuaResumeStatus.Finished, thread.Resume().Status);
        Assert.Equal("after", thread.GetValue(1));
        Assert.Equal([11L, -1L], calls);
    }

    [Fact]
    public void Adapter_YieldInsidePcall_Works()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "local ok = pcall(Libre_Wait, 5) return ok", out var thread);
        Assert.Equal(LuaResumeStatus.Yielded, result.Status);
        Assert.Equal(LuaResumeStatus.Finished, thread.Resume().Status);
        Assert.Equal(true, thread.GetValue(1));
    }

    [Fact]
    public void Adapter_Failure_ErrorAtAppLine()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "Libre_Wait('soon')", out _);
        Assert.Equal("app.lua:2: Libre_Wait: argument 1 (ms) must be a number, got string", result.Message);
    }

    [Fact]
    public void Callback_Throws_BecomesLuaErrorAndIsRecorded()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        var result = LuaTestState.Run(state, "Libre_Throws()", out _);
        Assert.Equal(LuaResumeStatus.Errored, result.Status);
        Assert.Equal("app.lua:2: Libre_Throws: internal error (InvalidOperationException: bad state)", result.Message);
        Assert.IsType<InvalidOperationException>(state.LastCallbackException);
    }

    [Fact]
    public void Callback_CallingThread_IsTheTaskThread()
    {
        LuaCoroutine? seen = null;
        var api = new LuaApiBuilder().Add("Who", context =>
        {
            seen = context.CallingThread;
            return 0;
        }).Build();
        using var state = LuaTestState.Create(api: api);
        LuaTestState.Run(state, "Who()", out var thread);
        Assert.Same(thread, seen);
    }

    [Fact]
    public void AdoptThread_CoroutineFromAdapter_ResumableByEngine()
    {
        LuaCoroutine? adopted = null;
        var api = new LuaApiBuilder().Add("Libre_NewThread", context =>
        {
            adopted = context.State.AdoptThread(context, 1);
            return 0;
        }, "return function(raw, rt) return function(f) return rt.check(raw(rt.create(f))) end end").Build();
        using var state = LuaTestState.Create(api: api);
        LuaTestState.Run(state, "Libre_NewThread(function(x) return x * 3 end)", out _);
        Assert.NotNull(adopted);
        adopted.PushInteger(14);
        Assert.Equal(LuaResumeStatus.Finished, adopted.Resume().Status);
        Assert.Equal(42L, adopted.GetValue(1));
    }

    [Fact]
    public void EntryNames_ApiFunctionsUsedAtTopLevel_NotEntries()
    {
        using var state = LuaTestState.Create(api: WaitApi([]));
        Assert.True(state.LoadApp("local three = Libre_Add(1, 2)\nfunction Main() end\n", "app.lua").Success);
        Assert.Equal(["Main"], state.EntryNames);
    }

    [Fact]
    public void Add_DuplicateOrInvalidName_Throws()
    {
        var builder = new LuaApiBuilder().Add("Libre_X", _ => 0);
        Assert.Throws<ArgumentException>(() => builder.Add("Libre_X", _ => 0));
        Assert.Throws<ArgumentException>(() => builder.Add("not valid", _ => 0));
        Assert.Throws<ArgumentException>(() => builder.Alias("Y", "Libre_Missing"));
    }
}
