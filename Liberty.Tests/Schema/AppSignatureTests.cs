using Liberty.Node.Apps.Schema;

namespace Liberty.Tests.Schema;

public class AppSignatureTests
{
    internal static string Sig(string parameters, string name = "Main") =>
        $$"""{"Functions":[{"NativeName":"{{name}}","Parameters":[{{parameters}}]}]}""";

    internal static string Param(string name, string type, string attributes = "", string children = "") =>
        $$"""{"ID":1,"NativeName":"{{name}}","Type":"{{type}}","Children":[{{children}}],"Attributes":[{{attributes}}]}""";

    internal static string Attr(string name, string value) => $$"""{"Name":"{{name}}","Value":"{{value}}"}""";

    private static SignatureParameter Single(string parameter)
    {
        Assert.True(AppSignature.TryParse(Sig(parameter), out var signature, out var error), error);
        return signature.Functions[0].Parameters[0];
    }

    private static string Error(string json)
    {
        Assert.False(AppSignature.TryParse(json, out _, out var error));
        return error;
    }

    [Fact]
    public void TryParse_LibertyComboSignature_ReadsFunctionsParametersAndAttributes()
    {
        var json = """
            {"Functions":[{"NativeName":"ComboOnOff","Parameters":[
              {"ID":1,"NativeName":"input","Type":"List",
               "Children":[{"ID":2,"NativeName":"","Type":"Device","Attributes":[{"Name":"DeviceType","Value":"1,ffff,8"}]}],
               "Attributes":[{"Name":"SizeMin","Value":"1"}]},
              {"ID":3,"NativeName":"output","Type":"VirtualDevice","Attributes":[{"Name":"VirtualDevice","Value":"1,100,6"}]}]}]}
            """;

        Assert.True(AppSignature.TryParse(json, out var signature, out var error), error);

        var function = Assert.Single(signature.Functions);
        Assert.Equal("ComboOnOff", function.NativeName);
        Assert.Equal(["input", "output"], function.Parameters.Select(p => p.NativeName));
        var input = function.Parameters[0];
        Assert.Equal(ParameterType.List, input.Type);
        Assert.Equal(1, input.SizeMin);
        var element = Assert.Single(input.Children);
        Assert.Equal(ParameterType.Device, element.Type);
        Assert.Equal((1, 0xFFFF, "8"), (element.DeviceTypes[0].LoadType, element.DeviceTypes[0].DeviceType, string.Join("|", element.DeviceTypes[0].Clusters)));
        Assert.Equal("1,100,6", function.Parameters[1].VirtualDeviceSpec);
        Assert.True(signature.TryGetFunction("ComboOnOff", out _));
        Assert.False(signature.TryGetFunction("comboonoff", out _));
    }

    [Fact]
    public void TryParse_EveryType_IsAccepted()
    {
        foreach (var type in Enum.GetNames<ParameterType>())
        {
            var attributes = type == "VirtualDevice" ? Attr("VirtualDevice", "1,100,6") : "";
            var children = type is "List" or "Table" ? Param("f", "Number") : "";
            Assert.Equal(Enum.Parse<ParameterType>(type), Single(Param("p", type, attributes, children)).Type);
        }
    }

    [Fact]
    public void TryParse_DeviceAttributes_ParsedAlternativesAccessUniqueNullable()
    {
        var p = Single(Param("d", "Device", string.Join(",", Attr("DeviceType", "1,0100,6$1,101,6|8$0,ffff,"), Attr("Access", "ReadWrite"), Attr("Unique", "true"), Attr("Nullable", "1"))));

        Assert.Equal(3, p.DeviceTypes.Count);
        Assert.Equal((0x0100, "6"), (p.DeviceTypes[0].DeviceType, string.Join("|", p.DeviceTypes[0].Clusters)));
        Assert.Equal((0x0101, "6|8"), (p.DeviceTypes[1].DeviceType, string.Join("|", p.DeviceTypes[1].Clusters)));
        Assert.Equal((0xFFFF, 0), (p.DeviceTypes[2].DeviceType, p.DeviceTypes[2].Clusters.Count));
        Assert.Equal(DeviceAccess.ReadWrite, p.Access);
        Assert.True(p.Unique);
        Assert.True(p.Nullable);
    }

    [Fact]
    public void TryParse_ListTableAndNumberAttributes_Parsed()
    {
        var list = Single(Param("l", "List", string.Join(",", Attr("SizeMin", "1"), Attr("SizeMax", "4"), Attr("Unique", "true"), Attr("Unordered", "true")), Param("", "String")));
        var table = Single(Param("t", "Table", "", Param("name", "String", Attr("TableHeader", "true"))));
        var number = Single(Param("n", "Number", string.Join(",", Attr("NumberMin", "-10"), Attr("NumberMax", "90.5"), Attr("NumberStep", "0.5"), Attr("Default", "20"), Attr("ShowPercentage", "false"), Attr("PhysicalQuantity", "Temperature"))));

        Assert.Equal((1, 4, true, true), (list.SizeMin, list.SizeMax, list.Unique, list.Unordered));
        Assert.True(table.Children[0].TableHeader);
        Assert.Equal((-10d, 90.5d, 0.5d), (number.NumberMin, number.NumberMax, number.NumberStep));
        Assert.Equal(20L, number.Default);
        Assert.False(number.ShowPercentage);
        Assert.Equal("Temperature", number.PhysicalQuantity);
    }

    [Fact]
    public void TryParse_DefaultsOfOtherTypes_ParsedToTheirValues()
    {
        Assert.Equal(true, Single(Param("b", "Boolean", Attr("Default", "true"))).Default);
        Assert.Equal("hi", Single(Param("s", "String", Attr("Default", "hi"))).Default);
        Assert.Equal(2L, Single(Param("e", "Enumeration", Attr("Default", "2"))).Default);
        Assert.Equal(2.5, Single(Param("n", "Number", Attr("Default", "2.5"))).Default);
    }

    [Fact]
    public void TryParse_UnknownAttribute_KeptAsWritten()
    {
        var p = Single(Param("s", "String", Attr("Hint", "x")));

        Assert.Equal("x", p.Attributes["Hint"]);
    }

    [Theory]
    [InlineData("not json", "not valid JSON: ")]
    [InlineData("[]", "a signature must be a JSON object with a 'Functions' array.")]
    [InlineData("{}", "Functions: the document needs a 'Functions' array.")]
    [InlineData("""{"Functions":[1]}""", "Functions[0]: a function must be a JSON object.")]
    [InlineData("""{"Functions":[{}]}""", "Functions[0].NativeName: missing.")]
    [InlineData("""{"Functions":[{"NativeName":"1x"}]}""", "Functions[0].NativeName: '1x' is not a Lua function name.")]
    [InlineData("""{"Functions":[{"NativeName":"A"},{"NativeName":"A"}]}""", "Functions[1].NativeName: function 'A' is described twice.")]
    [InlineData("""{"Functions":[{"NativeName":"A","Parameters":{}}]}""", "Functions[0].Parameters: must be an array.")]
    public void TryParse_BadDocument_ErrorNamesThePath(string json, string expected)
    {
        Assert.StartsWith(expected, Error(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"NativeName":"p"}""", "Functions[0].Parameters[0].Type: missing.")]
    [InlineData("""{"NativeName":"p","Type":"Dev"}""", "Functions[0].Parameters[0].Type: unknown type 'Dev'; expected one of Device, VirtualDevice, LanDevice, Action, User, List, Table, Number, String, Boolean, Enumeration, TimeOnly, DateTime or a type of 'Types'.")]
    [InlineData("""{"NativeName":"p","Type":"1"}""", "Functions[0].Parameters[0].Type: unknown type '1'; expected one of Device, VirtualDevice, LanDevice, Action, User, List, Table, Number, String, Boolean, Enumeration, TimeOnly, DateTime or a type of 'Types'.")]
    [InlineData("""{"NativeName":"","Type":"Number"}""", "Functions[0].Parameters[0].NativeName: '' is not a Lua name.")]
    [InlineData("""{"NativeName":"p","Type":"Number","ID":"x"}""", "Functions[0].Parameters[0].ID: must be an integer.")]
    [InlineData("""{"NativeName":"p","Type":"List"}""", "Functions[0].Parameters[0].Children: a List has exactly one child (its element type), not 0.")]
    [InlineData("""{"NativeName":"p","Type":"Table","Children":[]}""", "Functions[0].Parameters[0].Children: a Table needs at least one child (its fields).")]
    [InlineData("""{"NativeName":"p","Type":"Number","Children":[{"Type":"Number"}]}""", "Functions[0].Parameters[0].Children: a Number parameter has no children.")]
    [InlineData("""{"NativeName":"p","Type":"Table","Children":[{"NativeName":"a","Type":"Number"},{"NativeName":"a","Type":"String"}]}""", "Functions[0].Parameters[0].Children[1].NativeName: 'a' is used twice.")]
    [InlineData("""{"NativeName":"p","Type":"VirtualDevice"}""", "Functions[0].Parameters[0].Attributes: a VirtualDevice parameter needs a VirtualDevice attribute (its type spec, e.g. \"1,100,6\").")]
    [InlineData("""{"NativeName":"p","Type":"Number","Attributes":{}}""", "Functions[0].Parameters[0].Attributes: must be an array.")]
    [InlineData("""{"NativeName":"p","Type":"Number","Attributes":[{"Value":"1"}]}""", "Functions[0].Parameters[0].Attributes[0].Name: missing.")]
    [InlineData("""{"NativeName":"p","Type":"Number","Attributes":[{"Name":"NumberMin"}]}""", "Functions[0].Parameters[0].Attributes[0].Value: NumberMin must be a number, not ''.")]
    [InlineData("""{"NativeName":"p","Type":"Number","Attributes":[{"Name":"NumberMin","Value":1},{"Name":"NumberMin","Value":2}]}""", "Functions[0].Parameters[0].Attributes[1].Name: attribute 'NumberMin' is given twice.")]
    public void TryParse_BadParameter_ErrorNamesThePath(string parameter, string expected)
    {
        Assert.Equal(expected, Error(Sig(parameter)));
    }

    [Theory]
    [InlineData("Device", "DeviceType", "1,100", "DeviceType alternative '1,100' must be 'loadType,deviceTypeHex,clusterHex[|clusterHex]'.")]
    [InlineData("Device", "DeviceType", "x,100,6", "DeviceType alternative 'x,100,6' has a load type 'x' that is not a whole number.")]
    [InlineData("Device", "DeviceType", "1,10000,6", "DeviceType alternative '1,10000,6' has a device type '10000' that is not hex 0..ffff.")]
    [InlineData("Device", "DeviceType", "1,100,6$1,101,6|zz", "DeviceType alternative '1,101,6|zz' has a cluster 'zz' that is not hex 0..ffff.")]
    [InlineData("Device", "Access", "Admin", "Access must be Read, Write or ReadWrite, not 'Admin'.")]
    [InlineData("Device", "Unique", "yes", "Unique must be empty (set), true or false, not 'yes'.")]
    [InlineData("Device", "Nullable", "maybe", "Nullable must be empty (set), true or false, not 'maybe'.")]
    [InlineData("VirtualDevice", "VirtualDevice", "1,ffff,6", "VirtualDevice '1,ffff,6' must name a device type, not ffff (any).")]
    [InlineData("VirtualDevice", "VirtualDevice", "light", "VirtualDevice 'light' must be 'loadType,deviceTypeHex,clusterHex[|clusterHex]'.")]
    [InlineData("Number", "NumberMin", "low", "NumberMin must be a number, not 'low'.")]
    [InlineData("Number", "NumberMax", "NaN", "NumberMax must be a number, not 'NaN'.")]
    [InlineData("Number", "NumberStep", "", "NumberStep must be a number, not ''.")]
    [InlineData("Number", "Default", "x", "Default must be a number, not 'x'.")]
    [InlineData("Number", "ShowPercentage", "2", "ShowPercentage must be empty (set), true or false, not '2'.")]
    [InlineData("Boolean", "Default", "on", "Default must be true or false, not 'on'.")]
    [InlineData("Enumeration", "Default", "1.5", "Default must be a whole number, not '1.5'.")]
    [InlineData("Device", "Default", "1", "a Device parameter cannot have a Default.")]
    [InlineData("String", "TableHeader", "y", "TableHeader must be empty (set), true or false, not 'y'.")]
    public void TryParse_BadAttributeValue_ErrorNamesTheValuePath(string type, string name, string value, string expected)
    {
        var attributes = Attr(name, value) + (type == "VirtualDevice" && name != "VirtualDevice" ? "," + Attr("VirtualDevice", "1,100,6") : "");

        Assert.Equal("Functions[0].Parameters[0].Attributes[0].Value: " + expected, Error(Sig(Param("p", type, attributes))));
    }

    [Theory]
    [InlineData("SizeMin", "-1", "SizeMin must be a whole number ≥ 0, not '-1'.")]
    [InlineData("SizeMax", "two", "SizeMax must be a whole number ≥ 0, not 'two'.")]
    [InlineData("Unordered", "x", "Unordered must be empty (set), true or false, not 'x'.")]
    public void TryParse_BadListAttribute_ErrorNamesTheValuePath(string name, string value, string expected)
    {
        Assert.Equal("Functions[0].Parameters[0].Attributes[0].Value: " + expected, Error(Sig(Param("p", "List", Attr(name, value), Param("", "Number")))));
    }

    [Theory]
    [InlineData("List", "SizeMin:3,SizeMax:2", "SizeMin 3 is greater than SizeMax 2.")]
    [InlineData("Number", "NumberMin:5,NumberMax:1.5", "NumberMin 5 is greater than NumberMax 1.5.")]
    [InlineData("Number", "NumberStep:0", "NumberStep must be greater than 0, not 0.")]
    [InlineData("Number", "NumberMax:10,Default:11", "Default 11 is above NumberMax 10.")]
    public void TryParse_InconsistentAttributes_Refused(string type, string attributes, string expected)
    {
        var list = string.Join(",", attributes.Split(',').Select(a => Attr(a.Split(':')[0], a.Split(':')[1])));
        var children = type == "List" ? Param("", "Number") : "";

        Assert.Equal("Functions[0].Parameters[0].Attributes: " + expected, Error(Sig(Param("p", type, list, children))));
    }

    [Fact]
    public void TryParse_AttributeValueAsJsonNumberOrBoolean_ReadAsText()
    {
        var p = Single("""{"NativeName":"n","Type":"Number","Attributes":[{"Name":"NumberMax","Value":255},{"Name":"ShowPercentage","Value":true}]}""");

        Assert.Equal(255d, p.NumberMax);
        Assert.True(p.ShowPercentage);
    }

    [Fact]
    public void TryCheckEntries_FunctionNotDefinedByTheApp_NamesIt()
    {
        Assert.True(AppSignature.TryParse("""{"Functions":[{"NativeName":"A"},{"NativeName":"B"}]}""", out var signature, out _));

        Assert.True(signature.TryCheckEntries(["A", "B", "C"], out _));
        Assert.False(signature.TryCheckEntries(["A"], out var error));
        Assert.Equal("Functions[1].NativeName: the app defines no entry function 'B'.", error);
    }

    [Fact]
    public void TryParse_RealGen1FileWithEmptyFlagsAndDescriptions_ReadsFlagsLabelsAndTexts()
    {
        Assert.True(AppSignature.TryParse(RealSignatureFiles.Read("LightShow.sig"), RealSignatureFiles.Descriptions("LightShow"), out var signature, out var error), error?.Message);

        var function = Assert.Single(signature.Functions);
        Assert.Equal("Runs the groups one after the other.", function.Texts["en"].Description);
        var group = function.Parameters[0].Children[0];
        Assert.True(group.Children[0].TableHeader);
        Assert.True(group.Children[0].Unique);
        Assert.True(group.Children[1].Unordered);
        Assert.True(group.Children[1].Children[0].Unique);
        Assert.Equal(["Chase", "Blink", "Fade"], group.Children[2].Labels!);
        Assert.Equal(["Lauflicht", "Blinken", "Überblenden"], group.Children[2].Texts["de"].Labels!);
        Assert.Equal("Gruppen", function.Parameters[0].Texts["de"].Name);
        Assert.True(function.Parameters[2].Nullable);
        Assert.Equal("Light show", signature.Texts["en"].Name);
    }

    [Fact]
    public void TryParse_RealGen2FileWithNamedTypes_ResolvesRecursiveTablesAndEnumerations()
    {
        Assert.True(AppSignature.TryParse(RealSignatureFiles.Read("Thermostat.sig"), out var signature, out var error), error);

        var schedule = signature.Functions[0].Parameters[1];
        Assert.Equal(("Period", ParameterType.Table), (schedule.TypeName, schedule.Type));
        Assert.Equal(["day", "start", "setpoint", "next"], schedule.Children.Select(c => c.NativeName));
        Assert.Equal(["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], schedule.Children[0].Labels!);
        var next = schedule.Children[3];
        Assert.Same(schedule.Children, next.Children);
        Assert.Equal(new PhysicalRange("Cel", 7, 30, 0.5), schedule.Children[2].Quantity);
    }

    [Theory]
    [InlineData("""{"Types":[{"NativeName":"T","Type":"Table","Children":[{"NativeName":"a","Type":"Number"}]}],"Functions":[{"NativeName":"F","Parameters":[{"NativeName":"p","Type":"U","BuiltinType":false}]}]}""",
        "$.signature.Functions[0].Parameters[0].Type", "unknown type 'U'")]
    [InlineData("""{"Types":[{"NativeName":"E","Type":"Enumeration","Children":[]}],"Functions":[]}""", "$.signature.Types[0].Children", "lists no labels")]
    [InlineData("""{"Types":[{"NativeName":"E","Type":"Number"}],"Functions":[]}""", "$.signature.Types[0].Type", "a named type is a Table")]
    [InlineData("""{"Types":[{"NativeName":"T","Type":"Table","Children":[{"NativeName":"a","Type":"Number"}]},{"NativeName":"T","Type":"Table","Children":[{"NativeName":"a","Type":"Number"}]}],"Functions":[]}""",
        "$.signature.Types[1].NativeName", "defined twice")]
    [InlineData("""{"Functions":[{"NativeName":"end"}]}""", "$.signature.Functions[0].NativeName", "'end' is not a Lua function name")]
    [InlineData("""{"Functions":[{"NativeName":"F","Parameters":[{"NativeName":"t","Type":"Number","Attributes":[{"Name":"PhysicalQuantity","Value":"1|Cel,30,7,0.5"}]}]}]}""",
        "$.signature.Functions[0].Parameters[0].Attributes[0].Value", "PhysicalQuantity alternative 'Cel,30,7,0.5'")]
    public void TryParse_BadGen2Signature_PathPointsIntoTheSchema(string json, string path, string expected)
    {
        Assert.False(AppSignature.TryParse(json, null, out _, out var error));

        Assert.Equal(path, error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"List":[{"Type":2,"Enum":[{"Name":1}]}]}""", "$.descriptions.en.List[0].Enum[0]", "a label must be")]
    [InlineData("""{"List":[{"Name":"x"}]}""", "$.descriptions.en.List[0].Type", "missing")]
    [InlineData("""{"List":[{"Type":2},{"Type":2}]}""", "$.descriptions.en.List[1].Type", "ID 2 is described twice")]
    [InlineData("""[1]""", "$.descriptions.en", "a description file must be a JSON object")]
    [InlineData("""{"List":""", "$.descriptions.en", "not valid JSON")]
    public void TryParse_BadDescriptionFile_PathPointsIntoIt(string description, string path, string expected)
    {
        Assert.False(AppSignature.TryParse(RealSignatureFiles.Read("LightShow.sig"), new Dictionary<string, string> { ["en"] = description }, out _, out var error));

        Assert.Equal(path, error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
