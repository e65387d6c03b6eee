using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Liberty.Tests.Management;

/// <summary><c>/api/apps</c> and <c>/api/tasks</c> on a node with its real task manager: description files, and paths into the schema.</summary>
public sealed class AppEndpointsRealNodeTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(fakeTasks: false);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, object body)
    {
        using var response = await _node.Http.PostAsJsonAsync(path, body);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task Deploy_WithDescriptions_AppShowsLabelsAndTexts()
    {
        var signature = """{"Functions":[{"NativeName":"Show","Parameters":[{"ID":1,"NativeName":"pattern","Type":"Enumeration"},{"ID":2,"NativeName":"light","Type":"Device","Attributes":[{"Name":"Nullable","Value":""}]}]}]}""";
        var (status, body) = await Post("/api/apps", new
        {
            name = "show",
            source = "function Show(pattern, light) Libre_Log(2, 'pattern ' .. pattern) end",
            signature,
            descriptions = new Dictionary<string, string> { ["en"] = """{"Name": "Show", "List": [{"Type": 1, "Name": "Pattern", "Enum": [{"Name": "Chase"}, {"Name": "Blink"}]}]}""" },
        });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("en", body.GetProperty("locales")[0].GetString());
        Assert.Equal("Show", body.GetProperty("texts").GetProperty("en").GetProperty("name").GetString());
        var pattern = body.GetProperty("described")[0].GetProperty("parameters")[0];
        Assert.Equal(["Chase", "Blink"], pattern.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Pattern", pattern.GetProperty("texts").GetProperty("en").GetProperty("name").GetString());

        var (refused, error) = await Post("/api/tasks", new { app = "show", function = "Show", arguments = new object[] { 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("$.arguments.pattern", error.GetProperty("path").GetString());
        Assert.StartsWith("pattern: 2 is not a label index", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (started, _) = await Post("/api/tasks", new { app = "show", function = "Show", arguments = new object[] { "Blink" } });
        Assert.Equal(HttpStatusCode.Created, started);
    }

    [Theory]
    [InlineData("""{"Functions":[{"NativeName":"Show","Parameters":[{"NativeName":"p","Type":"Number","Attributes":[{"Name":"NumberMin","Value":"low"}]}]}]}""", null, "$.signature.Functions[0].Parameters[0].Attributes[0].Value")]
    [InlineData("""{"Functions":[{"NativeName":"Other"}]}""", null, "$.signature.Functions[0].NativeName")]
    [InlineData("""{"Functions":[{"NativeName":"Show"}]}""", """{"List":[{"Type":1,"Enum":[{"Name":2}]}]}""", "$.descriptions.en.List[0].Enum[0]")]
    public async Task Deploy_BadSchema_PathPointsIntoIt(string signature, string? description, string path)
    {
        var (status, body) = await Post("/api/apps", new
        {
            name = "show",
            source = "function Show(p) end",
            signature,
            descriptions = description is null ? null : new Dictionary<string, string> { ["en"] = description },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(path, body.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("print")]
    [InlineData("end")]
    public async Task StartTask_NotAnEntryPoint_PathIsTheFunction(string function)
    {
        Assert.Equal(HttpStatusCode.Created, (await Post("/api/apps", new { name = "a", source = "function Main() end" })).Status);

        var (status, body) = await Post("/api/tasks", new { app = "a", function });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("$.function", body.GetProperty("path").GetString());
        using var list = JsonDocument.Parse(await _node.Http.GetStringAsync("/api/apps"));
        Assert.Equal("Main", list.RootElement[0].GetProperty("functions")[0].GetString());
    }
}
