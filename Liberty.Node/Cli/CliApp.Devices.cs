using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Liberty.Devices.Model;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildDevice()
    {
        var palette = new Command("device", "List, show, command and query devices.");

        var list = new Command("list", "List the devices (in a cluster: of every node).");
        Client(list, async (_, s, ct) =>
        {
            var answer = await s.GetAsync<IReadOnlyList<DeviceView>>("api/devices", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["ID", "NAME", "TYPE", "OK", "LAST HEARD (UTC)", "STATE"],
                [.. a.Select(static x => (IReadOnlyList<string>)[CellText.Of(x.Id), CellText.Of(x.Name), CellText.Of(x.TypeName), CellText.Of(x.Ok), CellText.Time(x.LastHeard), Summary(x)])]));
        });

        var showId = new Argument<string>("id") { Description = "The device: its name, full name or numeric id." };
        var show = new Command("show", "Show a device and its attributes.") { showId };
        Client(show, async (parse, s, ct) =>
        {
            var answer = await s.GetAsync<DeviceView>($"api/devices/{Uri.EscapeDataString(parse.GetValue(showId)!)}", ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDevice(s.Output, a));
        });

        var queryId = new Argument<string>("id") { Description = "The device: its name, full name or numeric id." };
        var query = new Command("query", "Ask a device to refresh its attributes, then show it.") { queryId };
        Client(query, async (parse, s, ct) =>
        {
            var answer = await s.PostAsync<DeviceView>($"api/devices/{Uri.EscapeDataString(parse.GetValue(queryId)!)}/query", null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDevice(s.Output, a));
        });

        var commandId = new Argument<string>("id") { Description = "The device: its name, full name or numeric id." };
        var action = new Argument<string?>("action") { Description = "on, off, toggle or level.", Arity = ArgumentArity.ZeroOrOne };
        var value = new Argument<int?>("value") { Description = "The level (0..255) for 'level'.", Arity = ArgumentArity.ZeroOrOne };
        var transition = new Option<double?>("--transition") { Description = "Seconds the level change takes." };
        var cluster = new Option<string?>("--cluster") { Description = "Any cluster command: the cluster number (decimal or 0x hex)." };
        var number = new Option<string?>("--command") { Description = "With --cluster: the command number." };
        var cargs = new Option<string?>("--args") { Description = "With --cluster: the arguments, a JSON array." };
        var command = new Command("command", "Command a device: on|off|toggle|level N [--transition T], or --cluster C --command D [--args JSON].") { commandId, action, value, transition, cluster, number, cargs };
        Client(command, async (parse, s, ct) =>
        {
            object body;
            if (parse.GetValue(cluster) is { } clusterText)
            {
                if (parse.GetValue(action) is not null)
                {
                    throw new CliFailure(CliExitCodes.Usage, "give either an action (on/off/toggle/level) or --cluster/--command, not both.");
                }
                var commandText = parse.GetValue(number) ?? throw new CliFailure(CliExitCodes.Usage, "--cluster needs --command (the command number).");
                body = new ClusterCommandRequest(CommandNumber(clusterText, "--cluster"), CommandNumber(commandText, "--command"), CommandArguments(parse.GetValue(cargs)));
            }
            else
            {
                var verb = parse.GetValue(action)?.ToLowerInvariant() ?? throw new CliFailure(CliExitCodes.Usage, "give an action (on, off, toggle, level N) or --cluster/--command.");
                body = verb switch
                {
                    "on" or "off" or "toggle" => new DeviceCommandRequest(verb),
                    "level" => new DeviceCommandRequest("level",
                        parse.GetValue(value) ?? throw new CliFailure(CliExitCodes.Usage, "level needs a value: device command ID level N (0..255)."),
                        parse.GetValue(transition)),
                    _ => throw new CliFailure(CliExitCodes.Usage, $"unknown action '{verb}'; expected on, off, toggle or level."),
                };
            }
            var answer = await s.PostAsync<DeviceCommandView>($"api/devices/{Uri.EscapeDataString(parse.GetValue(commandId)!)}/command", body, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine($"{CellText.Of(a.Device)}: {CellText.Of(a.Status)}"));
        });

        palette.Subcommands.Add(list);
        palette.Subcommands.Add(show);
        palette.Subcommands.Add(command);
        palette.Subcommands.Add(query);
        return palette;
    }

    // A cluster or command number as the node reads one: decimal or 0x hex (the node checks its range).
    private static int CommandNumber(string text, string option) =>
        (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number)
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            ? number
            : throw new CliFailure(CliExitCodes.Usage, $"{option}: '{text}' is not a number (decimal or 0x hex).");

    private static AttributeValue[] CommandArguments(string? text)
    {
        var json = ParseJsonOption(text, "--args");
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }
        try
        {
            return json.Deserialize<AttributeValue[]>(ApiJson.Options) ?? [];
        }
        catch (JsonException)
        {
            throw new CliFailure(CliExitCodes.Usage, $"--args: '{text}' is not a JSON array of numbers, strings, booleans or nulls.");
        }
    }

    private static void WriteDevice(TextWriter output, DeviceView device)
    {
        TextTable.WritePairs(output,
        [
            ("Id", CellText.Of(device.Id)), ("Name", CellText.Of(device.Name)), ("Type", CellText.Of(device.TypeName)),
            ("Driver", CellText.Of(device.Driver)), ("Ok", CellText.Of(device.Ok)), ("Last heard", CellText.Time(device.LastHeard)),
            ("Clusters", string.Join(", ", device.Clusters.Select(static c => $"{CellText.Of(c.Name)} (0x{c.Id:X4})"))),
        ]);
        output.WriteLine();
        // VALUE in its unit and scale ("20.00 °C"), RAW as the device reports it (2000). HEARD "no (last known)": a value
        // restored from the journal at start that the device has not reported since.
        TextTable.Write(output, ["CLUSTER", "ATTRIBUTE", "NAME", "VALUE", "RAW", "REPORTED (UTC)", "HEARD"],
            [.. device.Attributes.Select(static a => (IReadOnlyList<string>)[$"0x{a.Cluster:X4}", $"0x{a.Attribute:X4}",
                CellText.Of(a.Name), Shown(a), CellText.Of(a.Value), CellText.Time(a.ReportedAt), a.Restored ? "no (last known)" : "yes"])]);
    }

    // The few attributes that say what a device is doing, in their units: "on, level 200 (78 %)", "20.00 °C",
    // "room 21.00 °C, heat to 20.00 °C, heat".
    private static string Summary(DeviceView device)
    {
        var parts = new List<string>();
        foreach (var a in device.Attributes)
        {
            var label = (a.Cluster, a.Attribute) switch
            {
                (6, 0) => "",
                (8, 0) => "level ",
                (1026, 0) => "",
                (513, 0) => "room ",
                (513, 18) => "heat to ",
                (513, 28) => "",
                _ => null,
            };
            if (label is not null)
            {
                parts.Add(label + Shown(a));
            }
        }
        return string.Join(", ", parts);
    }

    // A node that predates "display" sends only the raw value.
    private static string Shown(AttributeView attribute) => attribute.Display is { } shown && shown != "-" ? shown : CellText.Of(attribute.Value);
}
