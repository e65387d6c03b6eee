namespace Liberty.Tests.Lua;

public class LuaSandboxTests
{
    [Theory]
    [InlineData("io")]
    [InlineData("debug")]
    [InlineData("package")]
    [InlineData("require")]
    [InlineData("dofile")]
    [InlineData("loadfile")]
    [InlineData("os.execute")]
    [InlineData("os.exit")]
    [InlineData("os.remove")]
    [InlineData("os.rename")]
    [InlineData("os.getenv")]
    [InlineData("os.tmpname")]
    [InlineData("string.dump")]
    [InlineData("getmetatable('').__index.dump")]
    [InlineData("('').dump")]
    public void Global_Removed_IsNil(string expression) => Assert.Equal(true, LuaTestState.Eval($"{expression} == nil"));

    [Fact]
    public void IoOpen_Called_RaisesError()
    {
        var message = LuaTestState.Error("io.open('/etc/passwd')");
        Assert.Contains("attempt to index a nil value (global 'io')", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OsExecute_Called_RaisesError() =>
        Assert.Contains("attempt to call a nil value (field 'execute')", LuaTestState.Error("os.execute('true')"), StringComparison.Ordinal);

    [Fact]
    public void OsExit_Called_RaisesError() =>
        Assert.Contains("attempt to call a nil value (field 'exit')", LuaTestState.Error("os.exit(1)"), StringComparison.Ordinal);

    [Fact]
    public void Require_Called_RaisesError() =>
        Assert.Contains("attempt to call a nil value (global 'require')", LuaTestState.Error("require('os')"), StringComparison.Ordinal);

    [Fact]
    public void Load_BinaryChunk_Refused()
    {
        // A binary chunk starts with ESC "Lua"; string.dump is gone, so forge the header.
        Assert.Equal("attempt to load a binary chunk (mode is 't')",
            LuaTestState.Eval("select(2, load('\\27Lua\\84\\0', 'x', 'b'))"));
    }

    [Fact]
    public void Load_TextChunk_Works() => Assert.Equal(42L, LuaTestState.Eval("load('return 6 * 7')()"));

    [Fact]
    public void Load_WithEnvironment_UsesIt() => Assert.Equal(5L, LuaTestState.Eval("load('return x', 'chunk', 't', { x = 5 })()"));

    [Fact]
    public void Loadstring_Text_Works() => Assert.Equal(3L, LuaTestState.Eval("loadstring('return 1 + 2')()"));

    [Fact]
    public void CollectGarbage_Stop_Refused()
    {
        var message = LuaTestState.Error("collectgarbage('stop')");
        Assert.Contains("collectgarbage: option 'stop' is not allowed", message, StringComparison.Ordinal);
        Assert.StartsWith("app.lua:2:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CollectGarbage_Count_Allowed() => Assert.Equal(true, LuaTestState.Eval("collectgarbage('count') > 0 and collectgarbage() == 0"));

    [Fact]
    public void SetHook_DebugGone_CannotBeReached()
    {
        Assert.Contains("attempt to index a nil value (global 'debug')", LuaTestState.Error("debug.sethook(function() end, '', 1)"), StringComparison.Ordinal);
        Assert.Equal(true, LuaTestState.Eval("getmetatable(_G) == false and select('#', getmetatable('').__index) == 1"));
    }

    [Fact]
    public void StringMetatableTricks_CannotReachRemovedFunctions()
    {
        Assert.Equal(true, LuaTestState.Eval("getmetatable('').__index == string and string.dump == nil and string.format ~= nil"));
    }

    [Fact]
    public void GlobalsMetatable_Protected()
    {
        Assert.Contains("cannot change a protected metatable", LuaTestState.Error("setmetatable(_G, nil)"), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_Arguments_JoinedWithTabsToSink()
    {
        var lines = new List<string>();
        using var state = LuaTestState.Create(print: lines.Add);
        LuaTestState.Run(state, "print('a', 1, nil, true, 2.5)", out _);
        Assert.Equal(["a\t1\tnil\ttrue\t2.5"], lines);
    }
}
