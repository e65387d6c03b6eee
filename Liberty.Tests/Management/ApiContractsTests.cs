using System.Net;
using System.Text;
using System.Text.Json;
using Liberty.Devices.Model;
using Liberty.Node.Cli;
using Liberty.Node.Hosting;
using Liberty.Node.Management;
using Liberty.Node.Management.Contracts;

namespace Liberty.Tests.Management;

/// <summary>
/// The API's records (<c>Management/Contracts</c>) are the one shape the server writes and its clients read: every
/// answer of a real node reads into its record and writes the very same JSON again (a field the record lacks, or names
/// or types differently, fails), the CLI's typed read has what the console needs, and the request records a client
/// sends are what the server's own parsing makes of them.
/// </summary>
public sealed class ApiContractsTests : IAsyncLifetime
{
    private const string Signature = """{"Functions":[{"NativeName":"Show","Parameters":[{"ID":1,"NativeName":"pattern","Type":"Enumeration"},{"ID":2,"NativeName":"light","Type":"Device","Attributes":[{"Name":"Nullable","Value":""}]}]}]}""";
    private const string Description = """{"Name": "Show", "List": [{"Type": 1, "Name": "Pattern", "Enum": [{"Name": "Chase"}, {"Name": "Blink"}]}]}""";

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(fakeTasks: false);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task EveryAnswer_ReadIntoItsRecord_WritesTheSameJson()
    {
        var app = await RoundTrip<AppView>(HttpMethod.Post, "/api/apps", new DeployAppRequest("show", "function Show(pattern, light)\n  print('pattern ' .. pattern)\n  Libre_Wait(60000)\nend\n", Signature,
            new Dictionary<string, string> { ["en"] = Description }), HttpStatusCode.Created);
        Assert.Equal("Pattern", app.Described[0].Parameters[0].Texts["en"].Name);
        await RoundTrip<AppView>(HttpMethod.Post, "/api/apps", new DeployAppRequest("crash", NodeStatusRealNodeTests.CrashingApp, null, null), HttpStatusCode.Created);
        await RoundTrip<AppView>(HttpMethod.Post, "/api/apps", new DeployAppRequest("spare", "function Spare() end", null, null), HttpStatusCode.Created);
        var shown = await RoundTrip<TaskView>(HttpMethod.Post, "/api/tasks", new StartTaskRequest("show", "Show", JsonDocument.Parse("""["Blink"]""").RootElement, "shown"), HttpStatusCode.Created);
        var crash = await RoundTrip<TaskView>(HttpMethod.Post, "/api/tasks", new StartTaskRequest("crash", "Crash", null, null), HttpStatusCode.Created);
        await ManagementApiTests.AwaitAsync(() => _node.Http.GetStringAsync($"/api/tasks/{crash.Id}").Result.Contains("\"traceback\":\"", StringComparison.Ordinal), "the crashing task in Error with its traceback");
        await ManagementApiTests.AwaitAsync(() => _node.Http.GetStringAsync($"/api/tasks/{shown.Id}/logs").Result.Contains("pattern", StringComparison.Ordinal), "the task's log line");

        Assert.Equal("Blink", (await RoundTrip<TaskView>(HttpMethod.Get, $"/api/tasks/{shown.Id}")).Arguments!.Value[0].GetString());
        Assert.NotNull((await RoundTrip<TaskView>(HttpMethod.Get, $"/api/tasks/{crash.Id}")).Traceback);
        Assert.Equal(2, (await RoundTrip<IReadOnlyList<TaskView>>(HttpMethod.Get, "/api/tasks")).Count);
        Assert.Equal(2, (await RoundTrip<TasksEverywhereView>(HttpMethod.Get, "/api/tasks?on=all")).Tasks.Count);
        Assert.NotEmpty(await RoundTrip<IReadOnlyList<TaskLogLine>>(HttpMethod.Get, $"/api/tasks/{shown.Id}/logs"));
        Assert.Equal(3, (await RoundTrip<IReadOnlyList<AppView>>(HttpMethod.Get, "/api/apps")).Count);
        await RoundTrip<AppView>(HttpMethod.Get, "/api/apps/show");
        await RoundTrip<IReadOnlyList<AppVersionView>>(HttpMethod.Get, "/api/apps/show/versions");
        Assert.Equal("spare", (await RoundTrip<AppRemovedView>(HttpMethod.Delete, "/api/apps/spare")).Removed);
        Assert.Equal("Chase", (await RoundTrip<TaskView>(HttpMethod.Put, $"/api/tasks/{shown.Id}", new ChangeArgumentsRequest(JsonDocument.Parse("""["Chase"]""").RootElement))).Arguments!.Value[0].GetString());
        Assert.Equal("Disabled", (await RoundTrip<TaskView>(HttpMethod.Post, $"/api/tasks/{shown.Id}/stop", new { })).State);
        Assert.Equal(shown.Id, (await RoundTrip<TaskDeletedView>(HttpMethod.Delete, $"/api/tasks/{shown.Id}")).Deleted);

        Assert.Equal("Success", (await RoundTrip<DeviceCommandView>(HttpMethod.Post, "/api/devices/living-dimmer/command", new DeviceCommandRequest("level", 128, 0.5))).Status);
        Assert.Equal("Success", (await RoundTrip<DeviceCommandView>(HttpMethod.Post, "/api/devices/kitchen-light/command", new ClusterCommandRequest(6, 1, []))).Status);
        Assert.NotEmpty((await RoundTrip<DeviceView>(HttpMethod.Post, "/api/devices/living-dimmer/query", new { })).Attributes);
        Assert.NotEmpty(await RoundTrip<IReadOnlyList<DeviceView>>(HttpMethod.Get, "/api/devices"));
        await RoundTrip<DeviceView>(HttpMethod.Get, "/api/devices/kitchen-light");

        Assert.Equal("ok", (await RoundTrip<HealthView>(HttpMethod.Get, "/health")).Status);
        Assert.Equal(2, (await RoundTrip<NodeStatusView>(HttpMethod.Get, "/api/node")).Apps);
        Assert.Equal(2, (await RoundTrip<ActorSystemView>(HttpMethod.Get, "/api/actors/system")).Guardians.Count);
        Assert.NotNull((await RoundTrip<ActorNode>(HttpMethod.Get, "/api/actors/hierarchy?depth=2")).Children);
        Assert.NotEmpty(await RoundTrip<IReadOnlyList<RecentLogEntry>>(HttpMethod.Get, "/api/log"));
        Assert.Equal("single-node", (await RoundTrip<ClusterStateView>(HttpMethod.Get, "/api/cluster")).Mode);
        Assert.Empty((await RoundTrip<ChoicesView>(HttpMethod.Get, "/api/choices")).Users);
        Assert.Equal("id", (await RoundTrip<ApiError>(HttpMethod.Get, "/api/tasks/999", expected: HttpStatusCode.NotFound)).Path);
    }

    [Fact]
    public async Task NodeStatus_ReadByTheCli_HasItsPartsAndTheNodesTimeZone()
    {
        using var client = new NodeClient(new Uri(_node.Url), _node.Node.Token);

        var answer = await client.SendAsync<NodeStatusView>(HttpMethod.Get, "api/node", null, CancellationToken.None);
        var status = answer.Read();

        Assert.Equal(_node.Node.Options.Name, status.Node);
        Assert.False(string.IsNullOrEmpty(status.Version));
        Assert.InRange(status.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        Assert.Equal(TimeZoneInfo.Local.Id, status.TimeZone);
        Assert.Equal((int)TimeZoneInfo.Local.GetUtcOffset(DateTimeOffset.UtcNow).TotalMinutes, status.UtcOffsetMinutes);
        Assert.Equal(TimeZoneInfo.Local.Id, answer.Json.GetProperty("timeZone").GetString());
        Assert.Equal(status.UtcOffsetMinutes, answer.Json.GetProperty("utcOffsetMinutes").GetInt32());
        Assert.Equal(Enum.GetNames<Liberty.Node.Engine.TaskState>(), status.Tasks.ByState.Keys);
        Assert.Equal(NodeDefaults.SimulatedDevices.Count, status.Devices.Total);
        Assert.Equal(status.Devices.Total, status.Devices.Fleet);
        Assert.InRange(status.Dispatcher.Utilisation, 0, 1);
        Assert.Empty(status.Dispatcher.Stuck);
        Assert.Equal("single-node", status.Cluster.Mode);
        Assert.True(Assert.Single(status.Cluster.Members).Self);
        Assert.True(status.Memory.WorkingSetBytes > 0 && status.Memory.ManagedHeapBytes > 0, "memory counted");
    }

    [Fact]
    public void CommandRequests_AsAClientWritesThem_ParseToTheirDeviceCommands()
    {
        AssertCommand(new DeviceCommandRequest("on"), ClusterIds.OnOff, CommandIds.OnOff.On);
        AssertCommand(new DeviceCommandRequest("toggle"), ClusterIds.OnOff, CommandIds.OnOff.Toggle);
        AssertCommand(new DeviceCommandRequest("level", 128, 1.5), ClusterIds.Level, CommandIds.Level.MoveToLevelWithOnOff, AttributeValue.FromInt64(128), AttributeValue.FromInt64(15));
        AssertCommand(new ClusterCommandRequest(0x0300, 7, [AttributeValue.FromInt64(1), AttributeValue.FromDouble(0.5), AttributeValue.FromString("it's"), AttributeValue.FromBoolean(true), AttributeValue.Null]),
            0x0300, 7, AttributeValue.FromInt64(1), AttributeValue.FromDouble(0.5), AttributeValue.FromString("it's"), AttributeValue.FromBoolean(true), AttributeValue.Null);
    }

    [Fact]
    public void CliRead_JsonOfAnotherShape_FailsNamingTheRecord()
    {
        using var client = new NodeClient(new Uri("http://127.0.0.1:9"), null);

        var failure = Assert.Throws<CliFailure>(() => client.Read<IReadOnlyList<TaskView>>("""{"id": 1}"""));

        Assert.Equal(CliExitCodes.NodeFailure, failure.ExitCode);
        Assert.Contains("answered JSON that is not the API's list of TaskView", failure.Message, StringComparison.Ordinal);
    }

    private static void AssertCommand(object request, int cluster, int command, params AttributeValue[] arguments)
    {
        using var body = JsonSerializer.SerializeToDocument(request, ApiJson.Options);
        var parsed = DeviceEndpoints.ParseCommand(body.RootElement);
        Assert.Equal((cluster, command), (parsed.Cluster, parsed.Command));
        Assert.Equal(arguments, parsed.Arguments);
    }

    // The answer read into T and written again with the API's options must be the answer, byte for byte.
    private async Task<T> RoundTrip<T>(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json");
        }
        using var response = await _node.Http.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {json}");
        var record = JsonSerializer.Deserialize<T>(json, ApiJson.Options);
        Assert.NotNull(record);
        Assert.Equal(json, JsonSerializer.Serialize(record, ApiJson.Options));
        return record;
    }
}
