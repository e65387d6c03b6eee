using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

public sealed class LuaTaskSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task MinimalApp_WaitsAndLogs_EndsStopped()
    {
        var task = Run("""
            function main(name)
              Libre_Log(2, "hello " .. name)
              Libre_Wait(0)
              Libre_Wait(1000)
              Libre_Log(2, "bye")
            end
            """, "main", "world");
        await LogLine(task, "hello world");
        Assert.Equal(TaskState.Running, task.State);
        await LogLine(task, "bye", advance: TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task RuntimeError_EndsInErrorWithTraceback()
    {
        var task = Run("""
            local function inner() error("boom") end
            function main() inner() end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:1: boom", task.Reason, StringComparison.Ordinal);
        Assert.Contains("stack traceback", task.Traceback, StringComparison.Ordinal);
        Assert.Contains("inner", task.Traceback, StringComparison.Ordinal);
    }
}
