using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;
using static Liberty.Tests.Schema.AppSignatureTests;

namespace Liberty.Tests.Schema;

public class ArgumentBinderTests
{
    private static readonly DeviceInfo Dimmer = new(DeviceId.Create("gw1", "kitchen"), DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level], "simulated/dimmable-light");
    private static readonly DeviceInfo Lamp = new(DeviceId.Create("gw1", "hall"), DeviceTypes.OnOffLight, [ClusterIds.OnOff], "simulated/on-off-light");
    private static readonly DeviceInfo Sensor = new(DeviceId.Create("gw1", "temp"), DeviceTypes.TemperatureSensor, [ClusterIds.TemperatureMeasurement], "simulated/temperature-sensor");

    private readonly FakeVirtualDeviceFactory _factory = new();

    private static readonly ArgumentLookups Lookups = new()
    {
        Device = text => new[] { Dimmer, Lamp, Sensor }.FirstOrDefault(d => d.Id.Name == text || d.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) == text),
        LanDevice = text => text is "avr" or "7" ? 7 : null,
        Action = text => text is "scene" or "9" ? 9 : null,
        User = text => text is "alice" or "3" ? 3 : null,
    };

    private static AppSignature Signature(string json)
    {
        Assert.True(AppSignature.TryParse(json, out var signature, out var error), error);
        return signature;
    }

    private async Task<ArgumentBinding> Bind(string? signatureJson, string? args, string function = "Main", IVirtualDeviceFactory? factory = null) =>
        await ArgumentBinder.BindAsync(signatureJson is null ? null : Signature(signatureJson), function, args, Lookups, factory ?? _factory, ownerTask: 42);

    private async Task<IReadOnlyList<object?>> Values(string signatureJson, string? args)
    {
        var binding = await Bind(signatureJson, args);
        Assert.True(binding.Ok, binding.Error);
        return binding.Values;
    }

    private async Task<string> Error(string? signatureJson, string? args)
    {
        var binding = await Bind(signatureJson, args);
        Assert.False(binding.Ok);
        Assert.Empty(binding.Values);
        return binding.Error!;
    }

    private static string One(string type, string attributes = "", string children = "") => Sig(Param("p", type, attributes, children));

    [Fact]
    public async Task BindAsync_NoSignatureArray_ValuesAsGiven()
    {
        var values = await Values(null!, """[1, 2.5, "x", true, null, [1, 2], {"a": 1}]""");

        Assert.Equal(7, values.Count);
        Assert.Equal(1L, values[0]);
        Assert.Equal(2.5, values[1]);
        Assert.Equal("x", values[2]);
        Assert.Equal(true, values[3]);
        Assert.Null(values[4]);
        Assert.Equal(new object?[] { 1L, 2L }, (IEnumerable<object?>)values[5]!);
        Assert.Equal(1L, ((IReadOnlyDictionary<string, object?>)values[6]!)["a"]);
    }

    [Fact]
    public async Task BindAsync_NoSignatureObject_OneTableArgument()
    {
        var values = await Values(null!, """{"level": 10}""");

        var table = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(values));
        Assert.Equal(10L, table["level"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("null")]
    public async Task BindAsync_NoArguments_EmptyValues(string? args)
    {
        Assert.Empty(await Values(null!, args));
    }

    [Theory]
    [InlineData("5", "Arguments must be a JSON array (positional) or object (by name), not a number.")]
    [InlineData("\"x\"", "Arguments must be a JSON array (positional) or object (by name), not a string.")]
    public async Task BindAsync_ScalarArguments_Refused(string args, string expected)
    {
        Assert.Equal(expected, await Error(null, args));
    }

    [Fact]
    public async Task BindAsync_BadJson_Refused()
    {
        Assert.StartsWith("Arguments are not valid JSON: ", await Error(null, "[1,"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindAsync_FunctionNotInSignature_Refused()
    {
        var binding = await Bind(One("Number"), "[1]", function: "Other");

        Assert.Equal("The app's signature does not describe 'Other'; it describes Main.", binding.Error);
    }

    [Fact]
    public async Task BindAsync_PositionalAndByName_SameValues()
    {
        var sig = Sig(string.Join(",", Param("a", "Number"), Param("b", "String")));

        Assert.Equal(new object?[] { 1L, "x" }, await Values(sig, """[1, "x"]"""));
        Assert.Equal(new object?[] { 1L, "x" }, await Values(sig, """{"b": "x", "a": 1}"""));
    }

    [Fact]
    public async Task BindAsync_TooManyOrUnknownOrMissing_Refused()
    {
        var sig = Sig(string.Join(",", Param("a", "Number"), Param("b", "String")));

        Assert.Equal("Too many arguments: Main takes 2 (a, b), got 3.", await Error(sig, "[1, \"x\", 3]"));
        Assert.Equal("c: Main has no such parameter; it takes a, b.", await Error(sig, """{"c": 1}"""));
        Assert.Equal("b: missing; the parameter is required.", await Error(sig, "[1]"));
        Assert.Equal("a: null, but the parameter is not Nullable.", await Error(sig, "[null, \"x\"]"));
    }

    [Fact]
    public async Task BindAsync_Device_ByIdOrNameGivesTheId()
    {
        Assert.Equal(Dimmer.Id.Value, (await Values(One("Device"), $"[{Dimmer.Id.Value}]"))[0]);
        Assert.Equal(Dimmer.Id.Value, (await Values(One("Device"), "[\"gw1/kitchen\"]"))[0]);
        Assert.Equal(Dimmer.Id.Value, (await Values(One("Device"), $"[{Dimmer.Id.Value}.0]"))[0]);
    }

    [Fact]
    public async Task BindAsync_DeviceErrors_NameParameterAndReason()
    {
        Assert.Equal("p: no device 'gw1/none'.", await Error(One("Device"), "[\"gw1/none\"]"));
        Assert.Equal("p: expected a device id (integer) or name (string), got a boolean.", await Error(One("Device"), "[true]"));
        Assert.Equal("p: expected a device id (integer) or name (string), got a number.", await Error(One("Device"), "[1.5]"));
    }

    [Theory]
    [InlineData("1,ffff,8", "gw1/kitchen", true)]
    [InlineData("1,ffff,8", "gw1/hall", false)]
    [InlineData("1,100,6", "gw1/hall", true)]
    [InlineData("1,100,6", "gw1/kitchen", false)]
    [InlineData("1,100,6$1,101,6|8", "gw1/kitchen", true)]
    [InlineData("1,ffff,6|8", "gw1/kitchen", true)]
    [InlineData("1,ffff,6|8", "gw1/hall", false)]
    [InlineData("0,ffff,", "gw1/temp", true)]
    [InlineData("0,302,402", "gw1/temp", true)]
    public async Task BindAsync_DeviceType_MatchesTypeAndEveryCluster(string spec, string device, bool matches)
    {
        var binding = await Bind(One("Device", Attr("DeviceType", spec)), $"[\"{device}\"]");

        Assert.Equal(matches, binding.Ok);
    }

    [Fact]
    public async Task BindAsync_DeviceTypeMismatch_MessageDescribesDevice()
    {
        Assert.Equal(
            "p: device gw1/hall (On/Off Light, type 0100, clusters 0006) does not match DeviceType '1,ffff,8'.",
            await Error(One("Device", Attr("DeviceType", "1,ffff,8")), "[\"gw1/hall\"]"));
    }

    [Fact]
    public async Task BindAsync_NullableDevice_NullOrMissingGiveNil()
    {
        var sig = One("Device", Attr("Nullable", "true"));

        Assert.Equal(new object?[] { null }, await Values(sig, "[null]"));
        Assert.Equal(new object?[] { null }, await Values(sig, "[]"));
    }

    [Fact]
    public async Task BindAsync_UniqueOutsideAList_ScopesNothing()
    {
        var sig = Sig(string.Join(",", Param("a", "Device", Attr("Unique", "")), Param("b", "List", "", Param("", "Device", Attr("Unique", "")))));

        Assert.True((await Bind(sig, """["gw1/hall", ["gw1/kitchen", "gw1/temp"]]""")).Ok, "a top-level Unique device may appear in another parameter too");
        Assert.Equal("b[2]: same as b[1]; it is Unique within the list.", await Error(sig, """["gw1/hall", ["gw1/hall", "gw1/hall"]]"""));
    }

    [Fact]
    public async Task BindAsync_LightShowGroupsReuseLights_UniqueScopedToEachGroup()
    {
        // A light show: groups of lights, each light Unique — within its own group only (the real .sig writes flags as "").
        var light = Param("", "Device", string.Join(",", Attr("DeviceType", "1,ffff,6"), Attr("Unique", "")));
        var group = Param("", "Table", "", string.Join(",", Param("name", "String", Attr("TableHeader", "") + "," + Attr("Unique", "")), Param("lights", "List", Attr("SizeMin", "1"), light)));
        var sig = One("List", "", group);

        var values = await Values(sig, """[[{"name": "a", "lights": ["gw1/hall", "gw1/kitchen"]}, {"name": "b", "lights": ["gw1/kitchen", "gw1/hall"]}]]""");

        var groups = Assert.IsAssignableFrom<IReadOnlyList<object?>>(values[0]);
        Assert.Equal(new object?[] { Lamp.Id.Value, Dimmer.Id.Value }, (IEnumerable<object?>)((IReadOnlyDictionary<string, object?>)groups[0]!)["lights"]!);
        Assert.Equal(new object?[] { Dimmer.Id.Value, Lamp.Id.Value }, (IEnumerable<object?>)((IReadOnlyDictionary<string, object?>)groups[1]!)["lights"]!);
        Assert.Equal("p[2].lights[2]: same as p[2].lights[1]; it is Unique within the list.",
            await Error(sig, """[[{"name": "a", "lights": ["gw1/hall"]}, {"name": "b", "lights": ["gw1/kitchen", "gw1/kitchen"]}]]"""));
        Assert.Equal("p[2].name: same as p[1].name; it is Unique within the list.",
            await Error(sig, """[[{"name": "a", "lights": ["gw1/hall"]}, {"name": "a", "lights": ["gw1/kitchen"]}]]"""));
    }

    [Fact]
    public async Task BindAsync_AccessAttribute_DoesNotRestrict()
    {
        Assert.Equal(Sensor.Id.Value, (await Values(One("Device", Attr("Access", "Write")), "[\"gw1/temp\"]"))[0]);
    }

    [Fact]
    public async Task BindAsync_LanDeviceActionUser_ResolvedThroughLookups()
    {
        var sig = Sig(string.Join(",", Param("l", "LanDevice"), Param("a", "Action"), Param("u", "User")));

        Assert.Equal(new object?[] { 7L, 9L, 3L }, await Values(sig, """["avr", 9, "alice"]"""));
        Assert.Equal("l: no LAN device 'tv'.", await Error(sig, """["tv", 9, 3]"""));
        Assert.Equal("a: no action '1'.", await Error(sig, """[7, 1, 3]"""));
        Assert.Equal("u: no user 'bob'.", await Error(sig, """[7, 9, "bob"]"""));
    }

    [Fact]
    public async Task BindAsync_LookupMissing_KindUnknown()
    {
        var binding = await ArgumentBinder.BindAsync(Signature(One("User")), "Main", "[3]", new ArgumentLookups(), null, 1);

        Assert.Equal("p: no user '3'.", binding.Error);
    }

    [Fact]
    public async Task BindAsync_List_ElementsBoundWithOneBasedPaths()
    {
        var sig = One("List", Attr("SizeMin", "1"), Param("", "Number", Attr("NumberMax", "10")));

        Assert.Equal(new object?[] { 1L, 2.5 }, (IEnumerable<object?>)(await Values(sig, "[[1, 2.5]]"))[0]!);
        Assert.Equal("p[2]: 11 is above NumberMax 10.", await Error(sig, "[[1, 11]]"));
        Assert.Equal("p: expected an array, got an object.", await Error(sig, "[{}]"));
    }

    [Fact]
    public async Task BindAsync_ListSizeAndUnique_Checked()
    {
        var sig = One("List", string.Join(",", Attr("SizeMin", "2"), Attr("SizeMax", "3"), Attr("Unique", "true")), Param("", "Number"));

        Assert.Equal("p: 1 element, fewer than SizeMin 2.", await Error(sig, "[[1]]"));
        Assert.Equal("p: 4 elements, more than SizeMax 3.", await Error(sig, "[[1, 2, 3, 4]]"));
        Assert.Equal("p[3]: same as p[1]; it is Unique within the list.", await Error(sig, "[[1, 2, 1]]"));
        Assert.True((await Bind(sig, "[[1, 2, 3]]")).Ok);
    }

    [Fact]
    public async Task BindAsync_UniqueDeviceList_SameDeviceByNameAndById_Refused()
    {
        var sig = One("List", Attr("Unique", "true"), Param("", "Device"));

        Assert.Equal("p[2]: same as p[1]; it is Unique within the list.", await Error(sig, $"[[\"gw1/hall\", {Lamp.Id.Value}]]"));
    }

    [Fact]
    public async Task BindAsync_UnorderedList_AcceptsAnyOrder()
    {
        var sig = One("List", Attr("Unordered", "true"), Param("", "Number"));

        Assert.True((await Bind(sig, "[[3, 1, 2]]")).Ok);
    }

    [Fact]
    public async Task BindAsync_Table_FieldsByNameWithDefaultsAndErrors()
    {
        var sig = One("Table", "", string.Join(",", Param("name", "String", Attr("TableHeader", "true")), Param("level", "Number", Attr("Default", "100")), Param("dev", "Device", Attr("Nullable", "true"))));

        var table = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>((await Values(sig, """[{"name": "x"}]"""))[0]);
        Assert.Equal("x", table["name"]);
        Assert.Equal(100L, table["level"]);
        Assert.False(table.ContainsKey("dev"));
        Assert.Equal("p.name: missing; the parameter is required.", await Error(sig, "[{}]"));
        Assert.Equal("p.colour: no such field; expected name, level, dev.", await Error(sig, """[{"name": "x", "colour": 1}]"""));
        Assert.Equal("p.level: expected a number, got a string.", await Error(sig, """[{"name": "x", "level": "1"}]"""));
        Assert.Equal("p: expected an object, got an array.", await Error(sig, "[[]]"));
    }

    [Theory]
    [InlineData("NumberMin", "0", "-1", "p: -1 is below NumberMin 0.")]
    [InlineData("NumberMax", "255", "256", "p: 256 is above NumberMax 255.")]
    [InlineData("NumberStep", "0.5", "1.25", "p: 1.25 is not 0 plus a multiple of NumberStep 0.5.")]
    public async Task BindAsync_NumberOutOfRange_Refused(string attribute, string value, string args, string expected)
    {
        Assert.Equal(expected, await Error(One("Number", Attr(attribute, value)), $"[{args}]"));
    }

    [Fact]
    public async Task BindAsync_NumberStepFromMin_AndKinds()
    {
        var sig = One("Number", string.Join(",", Attr("NumberMin", "1"), Attr("NumberStep", "2"), Attr("ShowPercentage", "true"), Attr("PhysicalQuantity", "Temperature")));

        Assert.Equal(new object?[] { 5L }, await Values(sig, "[5]"));
        Assert.Equal(new object?[] { 5L }, await Values(sig, "[5.0]"));
        Assert.Equal("p: 4 is not 1 plus a multiple of NumberStep 2.", await Error(sig, "[4]"));
        Assert.Equal("p: expected a number, got a string.", await Error(sig, "[\"5\"]"));
        Assert.Equal(new object?[] { 0.25 }, await Values(One("Number"), "[0.25]"));
    }

    [Fact]
    public async Task BindAsync_DefaultUsedOnlyWhenAbsentOrNull()
    {
        var sig = One("Number", Attr("Default", "20"));

        Assert.Equal(new object?[] { 20L }, await Values(sig, "[]"));
        Assert.Equal(new object?[] { 20L }, await Values(sig, "[null]"));
        Assert.Equal(new object?[] { 3L }, await Values(sig, "[3]"));
    }

    [Fact]
    public async Task BindAsync_StringAndBoolean_Strict()
    {
        Assert.Equal(new object?[] { "hi" }, await Values(One("String"), "[\"hi\"]"));
        Assert.Equal(new object?[] { false }, await Values(One("Boolean"), "[false]"));
        Assert.Equal("p: expected a string, got a number.", await Error(One("String"), "[1]"));
        Assert.Equal("p: expected true or false, got a string.", await Error(One("Boolean"), "[\"true\"]"));
    }

    [Fact]
    public async Task BindAsync_Enumeration_ZeroBasedIndex()
    {
        Assert.Equal(new object?[] { 0L }, await Values(One("Enumeration"), "[0]"));
        Assert.Equal(new object?[] { 2L }, await Values(One("Enumeration"), "[2.0]"));
        Assert.Equal("p: expected a 0-based label index (whole number ≥ 0), got a number.", await Error(One("Enumeration"), "[-1]"));
        Assert.Equal("p: expected a 0-based label index (whole number ≥ 0), got a number.", await Error(One("Enumeration"), "[1.5]"));
    }

    [Fact]
    public async Task BindAsync_TimeOnly_SecondsOrClockText()
    {
        Assert.Equal(new object?[] { 3600L }, await Values(One("TimeOnly"), "[3600]"));
        Assert.Equal(new object?[] { 27000L }, await Values(One("TimeOnly"), "[\"7:30\"]"));
        Assert.Equal(new object?[] { 86399L }, await Values(One("TimeOnly"), "[\"23:59:59\"]"));
        Assert.Equal("p: expected seconds since midnight (0..86399) or \"HH:MM[:SS]\", got a number.", await Error(One("TimeOnly"), "[86400]"));
        Assert.Equal("p: expected seconds since midnight (0..86399) or \"HH:MM[:SS]\", got a string.", await Error(One("TimeOnly"), "[\"25:00\"]"));
    }

    [Fact]
    public async Task BindAsync_DateTime_EpochSecondsOrIsoText()
    {
        Assert.Equal(new object?[] { 1700000000L }, await Values(One("DateTime"), "[1700000000]"));
        Assert.Equal(new object?[] { 1700000000.5 }, await Values(One("DateTime"), "[1700000000.5]"));
        Assert.Equal(new object?[] { 86400L }, await Values(One("DateTime"), "[\"1970-01-02T00:00:00Z\"]"));
        Assert.Equal(new object?[] { 82800L }, await Values(One("DateTime"), "[\"1970-01-02T00:00:00+01:00\"]"));
        Assert.Equal("p: expected UTC seconds since the epoch or an ISO 8601 time, got a string.", await Error(One("DateTime"), "[\"soon\"]"));
    }

    [Fact]
    public async Task BindAsync_VirtualDevice_CreatedOwnedByTaskAndRemovedByCleanup()
    {
        var sig = Sig(string.Join(",", Param("input", "Device"), Param("output", "VirtualDevice", Attr("VirtualDevice", "1,100,6"))));

        var binding = await Bind(sig, """["gw1/hall"]""");

        Assert.True(binding.Ok, binding.Error);
        var created = Assert.Single(_factory.Created);
        Assert.Equal(("task-42/output", "1,100,6", 42L), (created.Name, created.Spec, created.Owner));
        Assert.Equal(new object?[] { Lamp.Id.Value, created.Id }, binding.Values);
        Assert.Equal([created.Id], binding.VirtualDevices);
        Assert.Empty(_factory.Removed);
        await binding.Cleanup();
        Assert.Equal([created.Id], _factory.Removed);
    }

    [Fact]
    public async Task BindAsync_VirtualDeviceNamedAndInsideList_IdsInPlace()
    {
        var sig = One("List", "", Param("", "VirtualDevice", Attr("VirtualDevice", "1,101,8")));

        var values = await Values(sig, """[["lamp-a", null]]""");

        Assert.Equal(["lamp-a", "task-42/p[2]"], _factory.Created.Select(c => c.Name));
        Assert.Equal(_factory.Created.Select(c => (object?)c.Id), (IEnumerable<object?>)values[0]!);
    }

    [Fact]
    public async Task BindAsync_VirtualDeviceBadName_Refused()
    {
        var sig = Sig(Param("p", "VirtualDevice", Attr("VirtualDevice", "1,100,6")));

        Assert.Equal("p: expected a name for the new virtual device (string) or null, got a number.", await Error(sig, "[5]"));
    }

    [Fact]
    public async Task BindAsync_InvalidArgumentAfterVirtualDevice_NothingCreated()
    {
        var sig = Sig(string.Join(",", Param("out", "VirtualDevice", Attr("VirtualDevice", "1,100,6")), Param("n", "Number")));

        Assert.Equal("n: expected a number, got a string.", await Error(sig, "[null, \"x\"]"));
        Assert.Empty(_factory.Created);
    }

    [Fact]
    public async Task BindAsync_SecondCreationFails_FirstRemovedAndErrorNamesParameter()
    {
        var factory = new FakeVirtualDeviceFactory { FailAt = 2 };
        var sig = Sig(string.Join(",", Param("a", "VirtualDevice", Attr("VirtualDevice", "1,100,6")), Param("b", "VirtualDevice", Attr("VirtualDevice", "1,100,6"))));

        var binding = await Bind(sig, "[]", factory: factory);

        Assert.Equal("b: could not create the virtual device: name taken", binding.Error);
        Assert.Equal([factory.Created[0].Id], factory.Removed);
    }

    [Fact]
    public async Task BindAsync_VirtualDeviceWithoutFactory_Refused()
    {
        var binding = await ArgumentBinder.BindAsync(Signature(Sig(Param("o", "VirtualDevice", Attr("VirtualDevice", "1,100,6")))), "Main", null, Lookups, null, 1);

        Assert.Equal("o: this node cannot create virtual devices.", binding.Error);
    }

    private static AppSignature RealSignature(string app)
    {
        Assert.True(AppSignature.TryParse(RealSignatureFiles.Read(app + ".sig"), RealSignatureFiles.Descriptions(app), out var signature, out var error), error?.Message);
        return signature;
    }

    [Fact]
    public async Task BindAsync_EnumerationWithLabels_IndexBelowTheLabelCountOrALabel()
    {
        var signature = RealSignature("LightShow");
        async Task<ArgumentBinding> Show(string pattern) =>
            await ArgumentBinder.BindAsync(signature, "LightShow", $$"""[[{"name": "a", "lights": ["gw1/hall"], "pattern": {{pattern}}}]]""", Lookups, _factory, 1);

        Assert.Equal(2L, ((IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)(await Show("2")).Values[0]!)[0]!)["pattern"]);
        Assert.Equal(1L, ((IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)(await Show("\"Blink\"")).Values[0]!)[0]!)["pattern"]);
        Assert.Equal("groups[1].pattern: 3 is not a label index; the labels are 0 'Chase', 1 'Blink', 2 'Fade' (0..2).", (await Show("3")).Error);
        Assert.Equal("groups[1].pattern: 'Strobe' is not one of the labels 0 'Chase', 1 'Blink', 2 'Fade'.", (await Show("\"Strobe\"")).Error);
    }

    [Fact]
    public async Task BindAsync_NullableVirtualDeviceLeftOut_CreatesNothingAndPassesNil()
    {
        var binding = await ArgumentBinder.BindAsync(RealSignature("LightShow"), "LightShow", """[[{"name": "a", "lights": ["gw1/hall"]}]]""", Lookups, _factory, 1);

        Assert.True(binding.Ok, binding.Error);
        Assert.Equal(3, binding.Values.Count);
        Assert.Equal(5L, binding.Values[1]);
        Assert.Null(binding.Values[2]);
        Assert.Empty(_factory.Created);
        Assert.Empty(binding.VirtualDevices);
    }

    [Fact]
    public async Task BindAsync_PhysicalQuantity_RangeOfTheFirstUnitEnforced()
    {
        var signature = RealSignature("Thermostat");
        async Task<ArgumentBinding> Schedule(string setpoint) => await ArgumentBinder.BindAsync(
            signature, "Thermostat", $$"""[{{Sensor.Id.Value}}, {"day": 1, "start": "06:30", "setpoint": {{setpoint}}}]""",
            new ArgumentLookups { Device = _ => new DeviceInfo(DeviceId.Create("gw1", "stat"), DeviceTypes.Thermostat, [ClusterIds.Thermostat], "simulated/thermostat") }, _factory, 1);

        Assert.Equal("schedule.setpoint: 50 Cel is outside 7..30 Cel (PhysicalQuantity).", (await Schedule("50")).Error);
        Assert.Equal("schedule.setpoint: 6.5 Cel is outside 7..30 Cel (PhysicalQuantity).", (await Schedule("6.5")).Error);
        var bound = await Schedule("21.5");
        Assert.True(bound.Ok, bound.Error);
        var period = (IReadOnlyDictionary<string, object?>)bound.Values[1]!;
        Assert.Equal((1L, 23400L, 21.5), ((long)period["day"]!, (long)period["start"]!, (double)period["setpoint"]!));
        Assert.False(period.ContainsKey("next"));
    }

    [Fact]
    public async Task BindAsync_RecursiveNamedTable_BindsEachLevel()
    {
        var lookups = new ArgumentLookups { Device = _ => new DeviceInfo(DeviceId.Create("gw1", "stat"), DeviceTypes.Thermostat, [ClusterIds.Thermostat], "simulated/thermostat") };

        var bound = await ArgumentBinder.BindAsync(RealSignature("Thermostat"), "Thermostat",
            """["gw1/stat", {"day": 0, "start": 0, "next": {"day": 8, "start": 60}}]""", lookups, _factory, 1);

        Assert.Equal("schedule.next.day: 8 is not a label index; the labels are 0 'Sunday', 1 'Monday', 2 'Tuesday', 3 'Wednesday', 4 'Thursday', 5 'Friday', 6 'Saturday' (0..6).", bound.Error);
    }
}
