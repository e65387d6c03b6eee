using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public sealed class LuaCoroutineValueTests
{
    [Fact]
    public void GetValueBytes_String_IsItsUtf8Bytes()
    {
        using var state = LuaTestState.Create();
        var result = LuaTestState.Run(state, "coroutine.yield('wait', 'héllo')", out var thread);
        Assert.Equal(LuaResumeStatus.Yielded, result.Status);
        Assert.True(thread.GetValueBytes(1).SequenceEqual("wait"u8));
        Assert.True(thread.GetValueBytes(2).SequenceEqual("héllo"u8));
    }

    [Fact]
    public void GetValueBytes_NonStringOrAbsent_IsEmpty()
    {
        using var state = LuaTestState.Create();
        LuaTestState.Run(state, "coroutine.yield(42, {}, nil)", out var thread);
        Assert.True(thread.GetValueBytes(1).IsEmpty, "a number is not a string here");
        Assert.True(thread.GetValueBytes(2).IsEmpty);
        Assert.True(thread.GetValueBytes(3).IsEmpty);
        Assert.True(thread.GetValueBytes(9).IsEmpty);
    }

    [Fact]
    public void GetValueNumber_IntegerFloatAndOthers_AsDoubleOrNull()
    {
        using var state = LuaTestState.Create();
        LuaTestState.Run(state, "coroutine.yield(7, 2.5, '3', true)", out var thread);
        Assert.Equal(7.0, thread.GetValueNumber(1));
        Assert.Equal(2.5, thread.GetValueNumber(2));
        Assert.Null(thread.GetValueNumber(3));
        Assert.Null(thread.GetValueNumber(4));
        Assert.Null(thread.GetValueNumber(5));
    }
}
