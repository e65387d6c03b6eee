namespace Liberty.Node.Lua.Api;

/// <summary>
/// Builds the one <see cref="LuaApi"/> every task state shares, by calling every API module. Each area adds
/// its own line here (<c>.AddDeviceApi()</c>, <c>.AddIoApi()</c>, ...).
/// </summary>
internal static class LuaApiFactory
{
    private static readonly Lazy<LuaApi> SharedApi = new(Create);

    /// <summary>The shared API (built on first use).</summary>
    public static LuaApi Shared => SharedApi.Value;

    /// <summary>Builds a new API with every module.</summary>
    public static LuaApi Create() => new LuaApiBuilder()
        .AddThreadApi()
        .AddLogApi()
        .AddTimerApi()
        .AddDataApi()
        .AddLibertyApi()
        .AddDeviceApi()
        .AddVirtualDeviceApi()
        .AddIoApi()
        .AddNetApi()
        .Build();
}
