using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public class LuaKillSwitchTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // An API function "Started()" that signals the test once the hog is inside its loop.
    private static Liberty.Node.Lua.LuaApi SignalApi(ManualResetEventSlim started) =>
        new LuaApiBuilder().Add("Started", _ =>
        {
            started.Set();
            return 0;
        }).Build();

    private static LuaResumeResult RunKilledFromAnotherThread(string body)
    {
        using var started = new ManualResetEventSlim();
        using var state = LuaTestState.Create(api: SignalApi(started));
        var thread = LuaTestState.Start(state, "function main()\n" + body + "\nend\n");
        var killer = Task.Run(() =>
        {
            Assert.True(started.Wait(Bound), "the loop never started");
            state.RequestKill();
        });
        var run = Task.Run(thread.Resume);
        Assert.True(run.Wait(Bound), "the kill switch did not stop the loop");
        killer.GetAwaiter().GetResult();
        return run.Result;
    }

    [Fact]
    public void RequestKill_InfiniteLoop_Killed()
    {
        var result = RunKilledFromAnotherThread("Started() while true do end");
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
        Assert.Contains("killed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestKill_PcallLoop_CannotSwallowTheKill()
    {
        var result = RunKilledFromAnotherThread("Started() while true do pcall(function() while true do end end) end");
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
    }

    [Fact]
    public void RequestKill_XpcallWithHandler_HandlerNeverSeesTheKill()
    {
        var result = RunKilledFromAnotherThread("""
            Started()
            local seen = 0
            while true do
              xpcall(function() while true do end end, function(e) seen = seen + 1 return e end)
            end
            """);
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
    }

    [Fact]
    public void RequestKill_LoopInsideAppCoroutine_Killed()
    {
        var result = RunKilledFromAnotherThread("""
            Started()
            local co = coroutine.create(function() while true do end end)
            while true do coroutine.resume(co) end
            """);
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
    }

    [Fact]
    public void RequestKill_LoopInsideWrappedCoroutineUnderPcall_Killed()
    {
        var result = RunKilledFromAnotherThread("""
            Started()
            while true do
              pcall(coroutine.wrap(function() while true do end end))
            end
            """);
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
    }

    [Fact]
    public void RequestKill_PreSet_LoopEndsAtFirstHookCheck()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, "function main() local n = 0 while true do n = n + 1 end end");
        state.RequestKill();
        var result = thread.Resume();
        Assert.Equal(LuaResumeStatus.Killed, result.Status);
        Assert.Contains("stack traceback:", result.Traceback, StringComparison.Ordinal);
        Assert.True(state.KillRequested);
    }

    [Fact]
    public void RequestKill_CloseLoopingInToBeClosedHandler_Killed()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, """
            function main()
              local guard <close> = setmetatable({}, { __close = function() while true do end end })
              coroutine.yield()
            end
            """);
        Assert.Equal(LuaResumeStatus.Yielded, thread.Resume().Status);
        state.RequestKill();
        var error = thread.Close();
        Assert.Equal("killed while closing", error);
    }

    [Fact]
    public void RequestKill_KillObjectCapturedInClose_CannotBeSwallowedLater()
    {
        using var state = LuaTestState.Create();
        var thread = LuaTestState.Start(state, """
            function main()
              while true do
                pcall(function()
                  local guard <close> = setmetatable({}, { __close = function(_, e) captured = e end })
                  while true do end
                end)
              end
            end
            """);
        state.RequestKill();
        Assert.Equal(LuaResumeStatus.Killed, thread.Resume().Status);
    }

    [Fact]
    public void Hook_WithoutKill_LongLoopFinishes()
    {
        Assert.Equal(1_000_000L, LuaTestState.Eval("(function() local n = 0 for i = 1, 1000000 do n = n + 1 end return n end)()"));
    }

    [Fact]
    public void GcMetamethod_OnTable_IsIgnoredSoItCannotRunUnkillable()
    {
        var lines = new List<string>();
        using (var state = LuaTestState.Create(print: lines.Add))
        {
            var result = LuaTestState.Run(state, """
                local mt = { __gc = function() print("finalized") end }
                setmetatable({}, mt)
                collectgarbage()
                return rawget(mt, "__gc") ~= nil
                """, out var thread);
            Assert.Equal(LuaResumeStatus.Finished, result.Status);
            Assert.Equal(true, thread.GetValue(1));
        }
        Assert.Empty(lines);
    }
}
