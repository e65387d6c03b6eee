using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

/// <summary>
/// Gen-2 apps (TypeScriptToLua output, docs/app-api.md section 9a): the module style, the Libertas constant tables and
/// the compiler's runtime helpers, written here as the compiler writes them.
/// </summary>
public sealed class LuaTypeScriptRuntimeSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    // What TypeScriptToLua makes of a small app with a class, a Map, a Set and a WeakSet (hand-written in its style).
    private const string Module = """
        local ____lualib = { __TS__Class = __TS__Class, __TS__New = __TS__New, __TS__Iterator = __TS__Iterator }
        local ____exports = {}
        local Zone = __TS__Class()
        Zone.name = "Zone"
        function Zone.prototype.____constructor(self, name, cluster)
            self.name = name
            self.cluster = cluster
        end
        function Zone.prototype.describe(self)
            return self.name .. "@" .. tostring(self.cluster)
        end
        local Valve = __TS__Class()
        Valve.name = "Valve"
        __TS__ClassExtends(Valve, Zone)
        function Valve.prototype.____constructor(self, name)
            Zone.prototype.____constructor(self, name, LibertasClusterId.GEN_ON_OFF)
        end
        function ____exports.Sprinkler(self)
            local zones = __TS__New(Map)
            zones:set("lawn", __TS__New(Valve, "lawn"))
            zones:set("beds", __TS__New(Zone, "beds", LibertasClusterId.GEN_LEVEL_CONTROL))
            zones:set("hedge", __TS__New(Valve, "hedge"))
            zones:delete("beds")
            zones:set("beds", __TS__New(Zone, "beds", LibertasClusterId.HVAC_THERMOSTAT))
            local names = {}
            for ____, ____value in __TS__Iterator(zones) do
                local key = ____value[1]
                local zone = ____value[2]
                __TS__ArrayPush(names, key .. "=" .. zone:describe())
            end
            Libre_Log(LibertasLogLevel.INFO, table.concat(names, ","))
            local seen = __TS__New(Set, {"a", "b", "a"})
            seen:add("c")
            local valves = __TS__ArrayFilter(
                {zones:get("lawn"), zones:get("beds"), zones:get("hedge")},
                function(____, z) return __TS__InstanceOf(z, Valve) end
            )
            local marked = __TS__New(WeakSet)
            marked:add(valves[1])
            Libre_Log(LibertasLogLevel.INFO, string.format(
                "size %d %d valves %d marked %s %s index %d split %s keys %s",
                zones.size, seen.size, #valves, tostring(marked:has(valves[1])), tostring(marked:has(zones:get("beds"))),
                __TS__ArrayIndexOf({5, 6, 7}, 7), table.concat(__TS__StringSplit("a,b,,c", ","), "|"),
                table.concat(__TS__ArrayMap(__TS__ObjectKeys({x = 1}), function(____, k) return k end), "")))
            Libre_Log(LibertasLogLevel.INFO, string.format("%d %d %d %d %d %d",
                LibertasCommand.LEVEL_MOVE_TO_LEVEL_WITH_ON_OFF, LibertasAttrId.IOV_BASIC_PRESENT_VALUE, LibertasEventType.ATTR,
                LibertasThermostatMode.HEAT, LibertasMessageLevel.ALERT_SEVERE, LibertasClusterId.LIBERTAS_LEVEL_CONFIG))
        end
        return ____exports
        """;

    [Fact]
    public async Task TypeScriptModule_UsesHelpersMapSetWeakSetAndConstants_RunsAsJavaScriptWould()
    {
        var task = Run(Module, "Sprinkler");

        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(
        [
            "lawn=lawn@6,hedge=hedge@6,beds=beds@513",
            "size 3 3 valves 2 marked true false index 2 split a|b||c keys x",
            "4 85 1 4 7 64514",
        ], Lines(task));
    }

    // Runs main() of the source to its natural end and answers its log.
    private async Task<string[]> LogOfMain(string source)
    {
        var task = Run(source);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        return Lines(task);
    }

    [Fact]
    public async Task MapAndSet_IterationOrderSizeAndForEach_FollowJavaScript()
    {
        var log = await LogOfMain("""
            function main()
              local m = __TS__New(Map, {{"x", 1}, {"y", 2}, {"z", 3}})
              m:delete("x")
              m:set("x", 4)
              m:set("y", 5)
              local out = {}
              m:forEach(function(____, value, key) out[#out + 1] = key .. value end)
              local keys = {}
              for ____, k in __TS__Iterator(m:keys()) do keys[#keys + 1] = k end
              local s = __TS__New(Set)
              s:add(3):add(1):add(3)
              local values = {}
              for ____, v in __TS__Iterator(s) do values[#values + 1] = v end
              Libre_Log(2, table.concat(out, " ") .. " / " .. table.concat(keys, "") .. " / " .. m.size .. " " .. tostring(m:has("q")) .. " " .. tostring(m:get("q"))
                .. " / " .. table.concat(values, ",") .. " " .. s.size .. " " .. tostring(s:delete(3)) .. " " .. s.size)
              m:clear()
              Libre_Log(2, m.size .. " " .. tostring(m:has("y")))
            end
            """);

        Assert.Equal(["y5 z3 x4 / yzx / 3 false nil / 3,1 2 true 1", "0 false"], log);
    }

    [Fact]
    public async Task LibertasConstants_ReadOnly_AndUndefinedGlobalsStayNil()
    {
        var log = await LogOfMain("""
            function main()
              local ok, err = pcall(function() LibertasClusterId.GEN_ON_OFF = 7 end)
              Libre_Log(2, tostring(ok) .. " " .. tostring(LibertasClusterId.GEN_ON_OFF) .. " " .. tostring(LibertasNoSuchTable) .. " " .. tostring(__TS__NoSuchHelper))
              local n = 0
              for k, v in pairs(LibertasLevelStep) do n = n + v + 1 end
              Libre_Log(2, tostring(n))
            end
            """);

        Assert.Equal(["false 6 nil nil", "3"], log);
    }

    [Fact]
    public async Task ArraySplice_RemovesAndInsertsAtZeroBasedIndexes()
    {
        var log = await LogOfMain("""
            function main()
              local a = {1, 2, 3, 4, 5}
              local removed = __TS__ArraySplice(a, 1, 2, "x", "y", "z")
              local b = {1, 2, 3}
              __TS__ArraySplice(b, -1)
              Libre_Log(2, table.concat(a, ",") .. " " .. table.concat(removed, ",") .. " " .. table.concat(b, ",")
                .. " " .. tostring(__TS__StringIncludes("sprinkler", "ink")) .. " " .. table.concat({__TS__Spread({7, 8})}, ","))
            end
            """);

        Assert.Equal(["1,x,y,z,4,5 2,3 1,2 true 7,8"], log);
    }
}
