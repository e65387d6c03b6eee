using System.Runtime.InteropServices;
using Liberty.Node.Lua;

namespace Liberty.Tests.Lua;

public sealed class LuaFieldNamesTests
{
    [Fact]
    public void TryGet_SameName_SameNulTerminatedCopy()
    {
        const string name = "field_names_spec";
        Assert.True(LuaFieldNames.TryGet(name, out var first));
        Assert.True(LuaFieldNames.TryGet(name, out var second));
        Assert.Equal(first, second);
        Assert.Equal(name, Marshal.PtrToStringUTF8(first));
    }

    [Fact]
    public void TryGet_NameWithNul_IsRefused()
    {
        Assert.False(LuaFieldNames.TryGet("a\0b", out var pointer));
        Assert.Equal(IntPtr.Zero, pointer);
    }

    [Fact]
    public void EventTableFields_SetThroughCachedNames_ReadBackInLua()
    {
        var api = new LuaApiBuilder()
            .Add("Libre_MakeEvent", ctx =>
            {
                LuaNative.lua_createtable(ctx.Thread, 0, 3);
                Liberty.Node.Lua.Api.LuaEventTables.SetInteger(ctx.Thread, "t", 20);
                Liberty.Node.Lua.Api.LuaEventTables.SetString(ctx.Thread, "reason", "gone");
                Liberty.Node.Lua.Api.LuaEventTables.SetBoolean(ctx.Thread, "ok", true);
                return 1;
            })
            .Build();
        using var state = LuaTestState.Create(api: api);
        var result = LuaTestState.Run(state, "local e = Libre_MakeEvent() return e.t, e.reason, e.ok", out var thread);
        Assert.Equal(LuaResumeStatus.Finished, result.Status);
        Assert.Equal(20L, thread.GetValue(1));
        Assert.Equal("gone", thread.GetValue(2));
        Assert.Equal(true, thread.GetValue(3));
    }
}
