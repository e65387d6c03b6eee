using System.Net;
using System.Text;
using System.Text.Json;

namespace Liberty.Tests.Management;

public sealed class ManagementApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await (client ?? _node.Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static void AssertError(JsonElement body, string error, string? path = null)
    {
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        if (path is not null)
        {
            Assert.Equal(path, body.GetProperty("path").GetString());
        }
    }

    [Fact]
    public async Task Health_NoToken_Ok()
    {
        var (status, body) = await Send(HttpMethod.Get, "/health", client: _node.Anonymous);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic abc")]
    public async Task Api_BadOrMissingToken_401WithJsonError(string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }
        using var response = await _node.Anonymous.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(body.RootElement, "unauthorized", "Authorization");
    }

    [Fact]
    public async Task Devices_List_HasTheDefaultSimulatedDevices()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/devices");

        Assert.Equal(HttpStatusCode.OK, status);
        var names = body.EnumerateArray().Select(static d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["node1/hall-light", "node1/kitchen-light", "node1/living-dimmer", "node1/outdoor-temperature", "node1/thermostat", "node1/wall-switch"], names);
    }

    [Fact]
    public async Task Devices_ShowByNameFullNameOrId_SameDevice()
    {
        var (_, byName) = await Send(HttpMethod.Get, "/api/devices/kitchen-light");
        var id = byName.GetProperty("id").GetInt64();
        var (_, byFull) = await Send(HttpMethod.Get, "/api/devices/node1%2Fkitchen-light");
        var (_, byId) = await Send(HttpMethod.Get, $"/api/devices/{id}");

        Assert.Equal("node1/kitchen-light", byName.GetProperty("name").GetString());
        Assert.Equal(id, byFull.GetProperty("id").GetInt64());
        Assert.Equal(id, byId.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Devices_Unknown_404NamingTheId()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/devices/no-such-lamp");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, "not_found", "id");
        Assert.Contains("no-such-lamp", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCommand_On_LightReportsOn()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/devices/kitchen-light/command", """{"command":"on"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Success", body.GetProperty("status").GetString());
        var (_, device) = await Send(HttpMethod.Get, "/api/devices/kitchen-light");
        var onOff = device.GetProperty("attributes").EnumerateArray().Single(static a => a.GetProperty("cluster").GetInt32() == 6 && a.GetProperty("attribute").GetInt32() == 0);
        Assert.True(onOff.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task DeviceCommand_GenericClusterCommand_Runs()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/devices/living-dimmer/command", """{"cluster":"0x0008","command":0,"args":[200,0]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(8, body.GetProperty("cluster").GetInt32());
        var (_, device) = await Send(HttpMethod.Post, "/api/devices/living-dimmer/query");
        var level = device.GetProperty("attributes").EnumerateArray().Single(static a => a.GetProperty("cluster").GetInt32() == 8 && a.GetProperty("attribute").GetInt32() == 0);
        Assert.Equal(200, level.GetProperty("value").GetInt32());
    }

    [Theory]
    [InlineData("""{"command":"level"}""", "$.level")]
    [InlineData("""{"command":"level","level":"high"}""", "$.level")]
    [InlineData("""{"command":"level","level":300}""", "$.level")]
    [InlineData("""{"command":"on","transition":2}""", "$.transition")]
    [InlineData("""{"command":"explode"}""", "$.command")]
    [InlineData("""{"command":5}""", "$.command")]
    [InlineData("""{}""", "$.command")]
    [InlineData("""{"cluster":6}""", "$.command")]
    [InlineData("""{"cluster":6,"command":1,"args":{"a":1}}""", "$.args")]
    [InlineData("""{"cluster":6,"command":1,"args":[[1]]}""", "$.args[0]")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"command":""", "$")]
    public async Task DeviceCommand_BadBody_400NamingThePath(string body, string path)
    {
        var (status, answer) = await Send(HttpMethod.Post, "/api/devices/living-dimmer/command", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(answer, "bad_request", path);
    }

    [Fact]
    public async Task DeviceCommand_UnsupportedCluster_400FromTheDevice()
    {
        var (status, answer) = await Send(HttpMethod.Post, "/api/devices/outdoor-temperature/command", """{"command":"on"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("outdoor-temperature", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_OverTheLimit_413()
    {
        var huge = "{\"name\":\"x\",\"source\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        var (status, body) = await Send(HttpMethod.Post, "/api/apps", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertError(body, "too_large");
    }

    [Theory]
    [InlineData("/api/apps")]
    [InlineData("/api/tasks")]
    [InlineData("/api/devices/kitchen-light/command")]
    public async Task Post_BodyWithInvalidUtf8InAString_400NamingTheByte(string path)
    {
        // {"name":"x", "app":"x", "command":"caf<E9>"}: latin-1 é, not UTF-8.
        byte[] body = [.. """{"name":"x","app":"x","function":"F","command":"caf"""u8.ToArray(), 0xE9, .. "\"}"u8.ToArray()];
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _node.Http.SendAsync(request);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(answer.RootElement, "bad_request", "$");
        Assert.Equal($"the body is not valid UTF-8 at byte {body.Length - 2}.", answer.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_CharsetOtherThanUtf8_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/apps") { Content = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"name":"café","source":"x"}""")) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=latin1");
        using var response = await _node.Http.SendAsync(request);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertError(answer.RootElement, "unsupported_media_type");
        Assert.Contains("UTF-8", answer.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_404JsonError()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, "not_found");
    }

    [Fact]
    public async Task WrongMethod_KnownPath_405JsonErrorNamingTheAllowedMethods()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/devices");
        var (deleteStatus, deleteBody) = await Send(HttpMethod.Delete, "/api/devices/kitchen-light/command");
        var (getStatus, _) = await Send(HttpMethod.Get, "/api/tasks/12/stop");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        AssertError(body, "method_not_allowed");
        Assert.Contains("PUT is not allowed on /api/devices; it takes GET", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleteStatus);
        Assert.Contains("it takes POST", deleteBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getStatus);
    }

    [Fact]
    public async Task WrongMethod_KnownPath_AllowHeaderListsTheMethods()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/apps/x");
        using var response = await _node.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["DELETE", "GET"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apps_DeployListVersionsRemove_RoundTrip()
    {
        var (created, app) = await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend","signature":{"Blink":[]}}""");
        var (_, again) = await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend\nfunction Off()\nend"}""");
        var (_, list) = await Send(HttpMethod.Get, "/api/apps");
        var (_, versions) = await Send(HttpMethod.Get, "/api/apps/blink/versions");
        var (removed, _) = await Send(HttpMethod.Delete, "/api/apps/blink");
        var (gone, _) = await Send(HttpMethod.Get, "/api/apps/blink/versions");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True(app.GetProperty("hasSignature").GetBoolean());
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal("blink", list.EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, removed);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Theory]
    [InlineData("""{"source":"x"}""", "$.name")]
    [InlineData("""{"name":"a"}""", "$.source")]
    [InlineData("""{"name":1,"source":"x"}""", "$.name")]
    [InlineData("""{"name":"a","source":"x","signature":5}""", "$.signature")]
    [InlineData("""{"name":"a","source":"x","signature":"{not json"}""", "$.signature")]
    [InlineData("""{"name":"a","source":"error(1"}""", "$.source")]
    public async Task Apps_DeployBadBody_400NamingThePath(string body, string path)
    {
        var (status, answer) = await Send(HttpMethod.Post, "/api/apps", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(answer, "bad_request", path);
    }

    [Fact]
    public async Task Tasks_StartShowStopResumeDelete_StatesFollow()
    {
        await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend"}""");

        var (created, task) = await Send(HttpMethod.Post, "/api/tasks", """{"app":"blink","function":"Blink","arguments":[1,2],"name":"b1"}""");
        var id = task.GetProperty("id").GetInt64();
        var (_, shown) = await Send(HttpMethod.Get, $"/api/tasks/{id}");
        var (_, stopped) = await Send(HttpMethod.Post, $"/api/tasks/{id}/stop");
        var (_, resumed) = await Send(HttpMethod.Post, $"/api/tasks/{id}/resume");
        var (conflict, _) = await Send(HttpMethod.Post, $"/api/tasks/{id}/resume");
        var (deleted, _) = await Send(HttpMethod.Delete, $"/api/tasks/{id}");
        var (gone, _) = await Send(HttpMethod.Get, $"/api/tasks/{id}");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("b1", shown.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, shown.GetProperty("arguments").ValueKind);
        Assert.Equal("[1,2]", shown.GetProperty("arguments").GetRawText());
        Assert.Equal("Disabled", stopped.GetProperty("state").GetString());
        Assert.Equal("Running", resumed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Theory]
    [InlineData("""{"app":"nope","function":"F"}""", HttpStatusCode.NotFound, "$.app")]
    [InlineData("""{"app":"blink","function":"Nope"}""", HttpStatusCode.BadRequest, "$.arguments")]
    [InlineData("""{"app":"blink","function":"Blink","arguments":"1,2"}""", HttpStatusCode.BadRequest, "$.arguments")]
    [InlineData("""{"app":"blink","function":"Blink","arguments":"5"}""", HttpStatusCode.BadRequest, "$.arguments")]
    [InlineData("""{"app":"blink"}""", HttpStatusCode.BadRequest, "$.function")]
    public async Task Tasks_StartBadRequest_4xxNamingThePath(string body, HttpStatusCode expected, string path)
    {
        await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend"}""");

        var (status, answer) = await Send(HttpMethod.Post, "/api/tasks", body);

        Assert.Equal(expected, status);
        Assert.Equal(path, answer.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/api/tasks/abc")]
    [InlineData("/api/tasks/-1")]
    [InlineData("/api/tasks/99999999999999999999")]
    public async Task Tasks_BadId_400(string path)
    {
        var (status, body) = await Send(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, "bad_request", "id");
    }

    [Fact]
    public async Task Tasks_ArgumentsAsAStringHoldingJson_TheOldFormStillAccepted()
    {
        await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend"}""");

        var (created, task) = await Send(HttpMethod.Post, "/api/tasks", """{"app":"blink","function":"Blink","arguments":"[\"kitchen-light\", 2]"}""");

        Assert.Equal(HttpStatusCode.Created, created);
        var arguments = task.GetProperty("arguments");
        Assert.Equal(JsonValueKind.Array, arguments.ValueKind);
        Assert.Equal(["kitchen-light", "2"], arguments.EnumerateArray().Select(static a => a.ToString()));
    }

    [Fact]
    public async Task Answers_PlainUtf8Json_NoEscapedQuotesOrDegrees()
    {
        await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend"}""");
        var (_, task) = await Send(HttpMethod.Post, "/api/tasks", """{"app":"blink","function":"Blink","arguments":["it's 20 °C <ok> & \"fine\""]}""");
        var id = task.GetProperty("id").GetInt64();

        var body = await _node.Http.GetStringAsync($"/api/tasks/{id}");

        Assert.Contains("""["it's 20 °C <ok> & \"fine\""]""", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    private async Task<long> StartBlinkAsync()
    {
        await Send(HttpMethod.Post, "/api/apps", """{"name":"blink","source":"function Blink(d)\nend"}""");
        var (_, task) = await Send(HttpMethod.Post, "/api/tasks", """{"app":"blink","function":"Blink"}""");
        return task.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task TaskLogs_Follow_RunEnds_EndEventWithTheTaskThenTheStreamCloses()
    {
        var id = await StartBlinkAsync();

        using var response = await _node.Http.GetAsync($"/api/tasks/{id}/logs?follow=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Contains("start Blink", await NextData(reader, timeout.Token), StringComparison.Ordinal);
        await AwaitAsync(() => _node.Tasks!.Followers(id) == 1, "the follower to subscribe");
        _node.Tasks!.Log(id, "last words");
        _node.Tasks.End(id);
        var rest = await reader.ReadToEndAsync(timeout.Token);

        Assert.Matches("""^\ndata: \{"sequence":2,[^\n]*"text":"last words"\}\n\nevent: end\ndata: \{"id":1,[^\n]*"state":"Stopped"[^\n]*\}\n\n$""", rest);
    }

    [Fact]
    public async Task TaskLogs_FollowATaskNotRunning_BacklogThenEndAtOnce()
    {
        var id = await StartBlinkAsync();
        await Send(HttpMethod.Post, $"/api/tasks/{id}/stop");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = await _node.Http.GetStringAsync($"/api/tasks/{id}/logs?follow=true", timeout.Token);

        Assert.Matches("""^data: \{"sequence":1,[^\n]*"text":"start Blink \[\]"\}\n\nevent: end\ndata: \{[^\n]*"state":"Disabled"[^\n]*\}\n\n$""", stream);
    }

    [Fact]
    public async Task TaskLogs_Follow_StreamsBacklogThenNewLines()
    {
        var id = await StartBlinkAsync();

        using var response = await _node.Http.GetAsync($"/api/tasks/{id}/logs?follow=true", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await NextData(reader, timeout.Token);
        Assert.Contains("start Blink", first, StringComparison.Ordinal);
        await AwaitAsync(() => _node.Tasks!.Followers(id) == 1, "the follower to subscribe");
        _node.Tasks!.Log(id, "tick 1");
        var second = await NextData(reader, timeout.Token);

        Assert.Contains("tick 1", second, StringComparison.Ordinal);
        Assert.Contains("\"sequence\":2", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeStatus_ReportsTasksDevicesDispatcherMemory()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/node");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("node1", body.GetProperty("node").GetString());
        Assert.Equal(6, body.GetProperty("devices").GetProperty("total").GetInt32());
        Assert.Equal(0, body.GetProperty("tasks").GetProperty("byState").GetProperty("Running").GetInt32());
        Assert.True(body.GetProperty("memory").GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(body.GetProperty("dispatcher").TryGetProperty("utilisation", out _));
        Assert.True(body.GetProperty("events").TryGetProperty("dropped", out _));
        var tasks = body.GetProperty("tasks");
        Assert.Equal(7, tasks.GetProperty("eventsDropped").GetInt64());
        Assert.Equal(11, tasks.GetProperty("logLinesSuppressed").GetInt64());
        Assert.Equal(3 * 1024 * 1024, tasks.GetProperty("luaMemoryBytes").GetInt64());
        var utilisation = body.GetProperty("dispatcher").GetProperty("utilisation").GetDouble();
        Assert.InRange(utilisation, 0, 1);
    }

    [Fact]
    public async Task ActorHierarchy_FromRoot_ShowsDeviceActorsUnderTheRegistry()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/actors/hierarchy?depth=3");

        Assert.Equal(HttpStatusCode.OK, status);
        var user = body.GetProperty("children").EnumerateArray().Single(static c => c.GetProperty("path").GetString() == "/user");
        var registry = user.GetProperty("children").EnumerateArray().Single(static c => c.GetProperty("path").GetString() == "/user/devices");
        Assert.Equal("DeviceRegistry", registry.GetProperty("type").GetString());
        Assert.Equal(6, registry.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task ActorHierarchy_FromPathDepthZero_NoChildrenListedButCounted()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/actors/hierarchy?depth=0&path=/user/devices");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, body.GetProperty("childCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("children").ValueKind);
    }

    [Theory]
    [InlineData("/api/actors/hierarchy?path=/user/nobody", HttpStatusCode.NotFound)]
    [InlineData("/api/actors/hierarchy?depth=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/actors/hierarchy?depth=1000", HttpStatusCode.BadRequest)]
    [InlineData("/api/log?n=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/tasks/1/logs?follow=maybe", HttpStatusCode.BadRequest)]
    public async Task Query_BadParameter_4xx(string path, HttpStatusCode expected)
    {
        var (status, body) = await Send(HttpMethod.Get, path);

        Assert.Equal(expected, status);
        Assert.True(body.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task LogPeek_HasTheNodesStartLine()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/log?n=100");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(body.EnumerateArray(), static l => l.GetProperty("eventId").GetInt32() == 6000);
    }

    [Fact]
    public async Task Cluster_SingleNode_SaysSo()
    {
        var (_, body) = await Send(HttpMethod.Get, "/api/cluster");

        Assert.Equal("single-node", body.GetProperty("mode").GetString());
        Assert.Equal("node1", body.GetProperty("members")[0].GetProperty("node").GetString());
    }

    private static async Task<string> NextData(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line[6..];
            }
        }
        throw new InvalidOperationException("the event stream ended before a data line");
    }

    internal static async Task AwaitAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out after 30 s waiting for {what}");
            await Task.Yield();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
