using System.Text.Json;
using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// <c>/api/devices</c>: list, show (by full name, name on this node, or numeric id), command, query.
/// </summary>
internal static class DeviceEndpoints
{
    private const int LevelTransitionTenthsMax = 0xFFFE;

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    /// <param name="logger">Where commands are logged.</param>
    public static void Map(WebApplication app, NodeServices node, ILogger logger)
    {
        app.MapGet("/api/devices", () => Results.Json(node.Directory.All.Select(static e => DeviceView.From(e)), ApiJson.Options));
        app.MapGet("/api/devices/{id}", (string id) =>
        {
            var entry = Find(node, id);
            return Results.Json(DeviceView.From(entry), ApiJson.Options);
        });
        app.MapPost("/api/devices/{id}/query", async (string id, CancellationToken ct) =>
        {
            var entry = Find(node, id);
            var snapshot = await AskAsync<DeviceSnapshot>(entry, QueryDevice.Instance, node.CommandTimeout, ct).ConfigureAwait(false);
            return Results.Json(DeviceView.From(entry, snapshot), ApiJson.Options);
        });
        app.MapPost("/api/devices/{id}/command", async (string id, HttpRequest request, CancellationToken ct) =>
        {
            var entry = Find(node, id);
            using var body = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var command = ParseCommand(body.RootElement);
            var reply = await AskAsync<DeviceCommandResult>(entry, new SendDeviceCommand(command), node.CommandTimeout, ct).ConfigureAwait(false);
            var status = reply.Result.Status;
            var statusName = status.ToString();
            ManagementLog.DeviceCommanded(logger, entry.Info.Id.Name, command.Cluster, command.Command, statusName);
            var answer = new DeviceCommandView(entry.Info.Id.Name, entry.Info.Id.Value, command.Cluster, command.Command, statusName, reply.Result.Message);
            return status switch
            {
                CommandStatus.Success or CommandStatus.Pending => Results.Json(answer, ApiJson.Options),
                CommandStatus.UnsupportedCluster or CommandStatus.UnsupportedCommand or CommandStatus.UnsupportedAttribute or CommandStatus.ReadOnly or CommandStatus.InvalidArgument =>
                    throw ApiException.BadRequest($"{entry.Info.Id.Name} refused the command ({status}): {reply.Result.Message}", "$"),
                CommandStatus.Timeout => throw new ApiException(StatusCodes.Status504GatewayTimeout, "device_timeout", $"{entry.Info.Id.Name} did not complete the command in time: {reply.Result.Message}"),
                _ => throw new ApiException(StatusCodes.Status409Conflict, "device_failed", $"{entry.Info.Id.Name} could not run the command ({status}): {reply.Result.Message}"),
            };
        });
    }

    /// <summary>Finds a device by full name, by name on this node, or by numeric id.</summary>
    /// <param name="node">The node.</param>
    /// <param name="id">What the user gave.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ApiException">No such device (404).</exception>
    public static DeviceEntry Find(NodeServices node, string id)
    {
        // The router leaves %2F encoded in a segment: a full name "node/name" arrives as "node%2Fname".
        id = id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return node.Directory.TryFind(id, out var entry) || node.Directory.TryFind(node.Name + "/" + id, out entry)
            ? entry
            : throw ApiException.NotFound($"no device '{id}' on node {node.Name}; give its name (e.g. kitchen-light), full name ({node.Name}/kitchen-light) or numeric id (see device list).", "id");
    }

    /// <summary>Parses a command body: <c>{command: on|off|toggle|level, level, transition}</c> (<see cref="DeviceCommandRequest"/>) or <c>{cluster, command, args}</c> (<see cref="ClusterCommandRequest"/>).</summary>
    /// <param name="body">The object.</param>
    /// <returns>The device command.</returns>
    /// <exception cref="ApiException">The body is not such a command.</exception>
    public static DeviceCommand ParseCommand(JsonElement body)
    {
        if (body.TryGetProperty("cluster", out var clusterElement))
        {
            var cluster = RequestJson.Integer(clusterElement, "$.cluster", 0, 0xFFFF);
            var command = body.TryGetProperty("command", out var commandElement)
                ? RequestJson.Integer(commandElement, "$.command", 0, 0xFF)
                : throw ApiException.BadRequest("'command' is required with 'cluster': the command number (e.g. 1 for On in cluster 6).", "$.command");
            return ToCommand(new ClusterCommandRequest(cluster, command, ParseArguments(body)));
        }
        var name = RequestJson.RequiredString(body, "command").ToLowerInvariant();
        var transition = RequestJson.OptionalNumber(body, "transition");
        if (transition is not null && name != "level")
        {
            throw ApiException.BadRequest("'transition' goes with the level command only.", "$.transition");
        }
        int? level = name == "level" && body.TryGetProperty("level", out var levelElement) ? RequestJson.Integer(levelElement, "$.level", 0, 255) : null;
        return ToCommand(new DeviceCommandRequest(name, level, transition));
    }

    private static DeviceCommand ToCommand(ClusterCommandRequest request) =>
        new(request.Cluster, request.Command, request.Args, EventSource.ManualRemote);

    private static DeviceCommand ToCommand(DeviceCommandRequest request)
    {
        switch (request.Command)
        {
            case "on":
                return new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote);
            case "off":
                return new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Off, [], EventSource.ManualRemote);
            case "toggle":
                return new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.ManualRemote);
            case "level":
                var level = request.Level ?? throw ApiException.BadRequest("'level' is required with the level command: 0..255.", "$.level");
                var seconds = request.Transition ?? 0;
                if (seconds < 0 || seconds * 10 > LevelTransitionTenthsMax)
                {
                    throw ApiException.BadRequest($"'transition' must be 0..{LevelTransitionTenthsMax / 10.0} seconds, not {seconds}.", "$.transition");
                }
                var tenths = (long)Math.Round(seconds * 10);
                return new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevelWithOnOff, [AttributeValue.FromInt64(level), AttributeValue.FromInt64(tenths)], EventSource.ManualRemote);
            default:
                throw ApiException.BadRequest($"unknown command '{request.Command}'; expected on, off, toggle, level, or {{cluster, command, args}} for any cluster command.", "$.command");
        }
    }

    private static List<AttributeValue> ParseArguments(JsonElement body)
    {
        if (!body.TryGetProperty("args", out var args) || args.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (args.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'args' must be an array of numbers, strings, booleans or nulls, not {RequestJson.Describe(args.ValueKind)}.", "$.args");
        }
        var list = new List<AttributeValue>();
        var i = 0;
        foreach (var item in args.EnumerateArray())
        {
            list.Add(item.ValueKind switch
            {
                JsonValueKind.Null => AttributeValue.Null,
                JsonValueKind.True => AttributeValue.FromBoolean(true),
                JsonValueKind.False => AttributeValue.FromBoolean(false),
                JsonValueKind.String => AttributeValue.FromString(item.GetString()),
                JsonValueKind.Number when item.TryGetInt64(out var whole) => AttributeValue.FromInt64(whole),
                JsonValueKind.Number when item.TryGetDouble(out var real) && double.IsFinite(real) => AttributeValue.FromDouble(real),
                _ => throw ApiException.BadRequest($"args[{i}] must be a number, string, boolean or null, not {RequestJson.Describe(item.ValueKind)}.", $"$.args[{i}]"),
            });
            i++;
        }
        return list;
    }

    private static async Task<T> AskAsync<T>(DeviceEntry entry, object message, TimeSpan timeout, CancellationToken ct)
    {
        object reply;
        try
        {
            reply = await entry.Actor.Ask(message, timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, "device_timeout", $"{entry.Info.Id.Name} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        return reply switch
        {
            T typed => typed,
            Status.Failure failure => throw new ApiException(StatusCodes.Status409Conflict, "device_failed", $"{entry.Info.Id.Name}: {failure.Cause.Message}"),
            _ => throw new ApiException(StatusCodes.Status409Conflict, "device_failed", $"{entry.Info.Id.Name} answered {reply.GetType().Name}, not {typeof(T).Name}."),
        };
    }
}
