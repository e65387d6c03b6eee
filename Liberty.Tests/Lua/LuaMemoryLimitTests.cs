using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public class LuaMemoryLimitTests(ITestOutputHelper output)
{
    private const long Limit = 4L * 1024 * 1024;

    [Fact]
    public void Allocate_MemoryBomb_EndsWithMemoryLimit()
    {
        using var state = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(state, "local t = {} while true do t[#t + 1] = string.rep('x', 1000) end", out _);
        Assert.Equal(LuaResumeStatus.MemoryLimit, result.Status);
        Assert.Contains("memory limit", result.Message, StringComparison.Ordinal);
        Assert.True(state.MemoryLimitExceeded);
        // Lua itself stays under the limit; after the failure C# may add a little (the traceback string).
        Assert.True(state.PeakMemoryUsed <= Limit + (64 * 1024), $"peak {state.PeakMemoryUsed} over the limit");
    }

    [Fact]
    public void Allocate_MemoryBombUnderPcall_StillEndsWithMemoryLimit()
    {
        using var state = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(state, """
            local keep = {}
            while true do
              pcall(function() while true do keep[#keep + 1] = string.rep('y', 1000) end end)
            end
            """, out _);
        Assert.Equal(LuaResumeStatus.MemoryLimit, result.Status);
    }

    [Fact]
    public void Allocate_AfterBombInOneState_FreshStateWorks()
    {
        using (var bomb = LuaTestState.Create(memoryLimit: Limit))
        {
            Assert.Equal(LuaResumeStatus.MemoryLimit, LuaTestState.Run(bomb, "local s = 'x' while true do s = s .. s end", out _).Status);
        }
        using var fresh = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(fresh, "local t = {} for i = 1, 1000 do t[i] = i end return #t", out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal(1000L, thread.GetValue(1));
    }

    [Fact]
    public void Allocate_GarbageHeavyLoopUnderLimit_Finishes()
    {
        using var state = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(state, "for i = 1, 20000 do local s = string.rep('z', 1000) end return 'ok'", out _);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.False(state.MemoryLimitExceeded);
    }

    [Fact]
    public void Allocate_HugeStringRep_EndsWithMemoryLimit()
    {
        using var state = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(state, "local s = string.rep('x', 100 * 1024 * 1024) return #s", out _);
        Assert.Equal(LuaResumeStatus.MemoryLimit, result.Status);
    }

    [Fact]
    public void Allocate_InsideCallback_AllowedThenEnforcedInLua()
    {
        // A callback that allocates past the limit is allowed (it cannot fail safely); the next Lua allocation fails.
        var api = new LuaApiBuilder().Add("Big", context =>
        {
            context.PushString(new string('q', 3 * 1024 * 1024));
            return 1;
        }).Build();
        using var state = LuaTestState.Create(memoryLimit: 2L * 1024 * 1024, api: api);
        var result = LuaTestState.Run(state, "local s = Big() local t = {} for i = 1, 100 do t[i] = {} end return #s", out _);
        Assert.True(state.OverLimitInCallback);
        Assert.Equal(LuaResumeStatus.MemoryLimit, result.Status);
    }

    [Fact]
    public void Lbuffer_LargerThanLimit_FailsWithMemoryLimit()
    {
        using var state = LuaTestState.Create(memoryLimit: Limit);
        var result = LuaTestState.Run(state, "local ok, e = pcall(lbuffer, 64 * 1024 * 1024) return e", out _);
        Assert.Equal(LuaResumeStatus.MemoryLimit, result.Status);
        Assert.Contains("memory limit", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryUsed_FreshState_SmallAndTracked()
    {
        using var state = LuaTestState.Create();
        output.WriteLine($"fresh state: {state.MemoryUsed} bytes");
        Assert.InRange(state.MemoryUsed, 1, 72 * 1024);
        Assert.True(state.PeakMemoryUsed >= state.MemoryUsed);
    }
}
