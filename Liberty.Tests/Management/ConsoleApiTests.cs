using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liberty.Devices.Actions;
using Liberty.Node.Engine.Io;
using Liberty.Node.Management;

namespace Liberty.Tests.Management;

/// <summary>
/// What the web console needs of a real node, over HTTP: the assets (no token, compressed, a strict content security
/// policy), the live device feed, a task's arguments changed and restarted, and the choices for LAN device and action
/// arguments.
/// </summary>
public sealed class ConsoleApiTests : IAsyncLifetime
{
    private const string Echo = "function Echo(times, label)\n  for i = 1, times do print(label .. ' ' .. i) end\n  Libre_Wait(600000)\nend\n";
    private const string EchoSignature = """
        {"Functions":[{"NativeName":"Echo","Parameters":[
          {"ID":1,"NativeName":"times","Type":"Number","Attributes":[{"Name":"NumberMin","Value":"1"},{"Name":"NumberMax","Value":"5"}]},
          {"ID":2,"NativeName":"label","Type":"String"}]}]}
        """;

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(o =>
    {
        o.Network.LanDevices.Add(new LanDevice { Id = 3, Name = "receiver", Host = "127.0.0.1" });
        o.Devices.Actions.Add(new ActionDeclaration { Id = 9, Name = "all-off", Commands = { new ActionCommandDeclaration { Device = "hall-light", Cluster = "6", Command = "0" } } });
    }, fakeTasks: false);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Assets_ServedWithoutTheToken_CompressedUnder150KB_WithAStrictPolicy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var page = await _node.Anonymous.SendAsync(request);
        var html = Encoding.UTF8.GetString(await Gunzip(page));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/console/console.js", html, StringComparison.Ordinal);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);

        // Revalidation: the same ETag answers 304 with no body.
        using var script = await _node.Anonymous.GetAsync("/console/console.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/console.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        using var notModified = await _node.Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // The data stays behind the token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.Anonymous.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.Anonymous.GetAsync("/api/devices/events")).StatusCode);

        // The whole console, as browsers get it.
        var compressed = ConsoleEndpoints.All.Values.Sum(static a => a.Gzip.Length);
        Assert.InRange(compressed, 1, 150 * 1024);
        Assert.Equal(["/", "/console/console.css", "/console/console.js"], ConsoleEndpoints.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeviceEvents_AllDevicesFirst_ThenTheOneACommandChanged()
    {
        using var response = await _node.Http.GetAsync("/api/devices/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var (name, data) = await NextEventAsync(reader);
        Assert.Equal("devices", name);
        var light = data.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "node1/hall-light");
        var wasOn = OnOff(light);

        var command = await _node.Http.PostAsJsonAsync("/api/devices/hall-light/command", new { command = wasOn ? "off" : "on" });
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        // Other simulated devices report too (the temperature sensor drifts): read until the light's change arrives.
        JsonElement changed;
        do
        {
            (name, changed) = await NextEventAsync(reader);
        }
        while (name != "device" || changed.GetProperty("name").GetString() != "node1/hall-light" || OnOff(changed) == wasOn);
        Assert.Equal(!wasOn, OnOff(changed));
        Assert.True(changed.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task ChangeArguments_WrongOnesChangeNothing_RightOnesRestartTheTaskWithThem()
    {
        Assert.Equal(HttpStatusCode.Created, (await _node.Http.PostAsJsonAsync("/api/apps", new { name = "echo", source = Echo, signature = EchoSignature })).StatusCode);
        var started = await _node.Http.PostAsJsonAsync("/api/tasks", new { app = "echo", function = "Echo", arguments = new { times = 1, label = "first" } });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await ManagementApiTests.AwaitAsync(() => Logs(id).Contains("first 1", StringComparison.Ordinal), "the first run's line");

        var refused = await _node.Http.PutAsJsonAsync($"/api/tasks/{id}", new { arguments = new { times = 9, label = "second" } });
        var error = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("$.arguments.times", error.GetProperty("path").GetString());
        var untouched = await _node.Http.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal("Running", untouched.GetProperty("state").GetString());
        Assert.Equal("first", untouched.GetProperty("arguments").GetProperty("label").GetString());

        var changed = await _node.Http.PutAsJsonAsync($"/api/tasks/{id}", new { arguments = new { times = 2, label = "second" } });
        var task = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Running", task.GetProperty("state").GetString());
        Assert.Equal(2, task.GetProperty("arguments").GetProperty("times").GetInt32());
        await ManagementApiTests.AwaitAsync(() => Logs(id).Contains("second 2", StringComparison.Ordinal), "the new run's lines");
        // The task ran: its last activity is known.
        var shown = await _node.Http.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal(JsonValueKind.String, shown.GetProperty("statistics").GetProperty("lastActivity").ValueKind);

        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.PutAsJsonAsync("/api/tasks/999", new { arguments = new { times = 1, label = "x" } })).StatusCode);
    }

    [Fact]
    public async Task Choices_ListTheLanDevicesAndActionsArgumentsMayName()
    {
        var choices = await _node.Http.GetFromJsonAsync<JsonElement>("/api/choices");

        Assert.Equal((3, "receiver"), Single(choices.GetProperty("lanDevices")));
        Assert.Equal((9, "all-off"), Single(choices.GetProperty("actions")));
        Assert.Equal(0, choices.GetProperty("users").GetArrayLength());
    }

    private static (long, string?) Single(JsonElement list) =>
        list.EnumerateArray().Select(static c => (c.GetProperty("id").GetInt64(), c.GetProperty("name").GetString())).Single();

    private string Logs(long id) => _node.Http.GetStringAsync($"/api/tasks/{id}/logs").Result;

    private static bool OnOff(JsonElement device) =>
        device.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("cluster").GetInt32() == 6 && a.GetProperty("attribute").GetInt32() == 0).GetProperty("value").GetBoolean();

    private static async Task<(string Name, JsonElement Data)> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                using var document = JsonDocument.Parse(line[6..]);
                return (name, document.RootElement.Clone());
            }
        }
        throw new InvalidOperationException("the event stream ended");
    }

    private static async Task<byte[]> Gunzip(HttpResponseMessage response)
    {
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await gzip.CopyToAsync(copy);
        return copy.ToArray();
    }
}
