using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildDevice()
    {
        var palette = new Command("device", "List, show, command and query devices.");

        var list = new Command("list", "List the devices (in a cluster: of every node).");
        Client(list, async (_, s, ct) =>
        {
            var answer = await s.GetAsync("api/devices", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["ID", "NAME", "TYPE", "OK", "LAST HEARD (UTC)", "STATE"],
                [.. a.EnumerateArray().Select(x => (IReadOnlyList<string>)[JsonText.Get(x, "id"), JsonText.Get(x, "name"), JsonText.Get(x, "typeName"), JsonText.Get(x, "ok"), JsonText.Time(x, "lastHeard"), Summary(x)])]));
        });

        var showId = new Argument<string>("id") { Description = "The device: its name, full name or numeric id." };
        var show = new Command("show", "Show a device and its attributes.") { showId };
        Client(show, async (parse, s, ct) =>
        {
            var answer = await s.GetAsync($"api/devices/{Uri.EscapeDataString(parse.GetValue(showId)!)}", ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDevice(s.Output, a));
        });

        var queryId = new Argument<string>("id") { Description = "The device: its name, full name or numeric id." };
        var query = new Command("query", "Ask a device to refresh its attributes, then show it.") { queryId };
        Client(query, async (parse, s, ct) =>
        {
            var answer = await s.PostAsync($"api/devices/{Uri.EscapeDataString(parse.GetValue(queryId)!)}/query", null, ct).ConfigureAwait(false);
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
                var argsJson = ParseJsonOption(parse.GetValue(cargs), "--args");
                body = new Dictionary<string, object?>
                {
                    ["cluster"] = NumberOrText(clusterText),
                    ["command"] = NumberOrText(commandText),
                    ["args"] = argsJson.ValueKind == JsonValueKind.Undefined ? null : argsJson,
                };
            }
            else
            {
                var verb = parse.GetValue(action)?.ToLowerInvariant() ?? throw new CliFailure(CliExitCodes.Usage, "give an action (on, off, toggle, level N) or --cluster/--command.");
                body = verb switch
                {
                    "on" or "off" or "toggle" => new Dictionary<string, object?> { ["command"] = verb },
                    "level" => new Dictionary<string, object?>
                    {
                        ["command"] = "level",
                        ["level"] = parse.GetValue(value) ?? throw new CliFailure(CliExitCodes.Usage, "level needs a value: device command ID level N (0..255)."),
                        ["transition"] = parse.GetValue(transition),
                    },
                    _ => throw new CliFailure(CliExitCodes.Usage, $"unknown action '{verb}'; expected on, off, toggle or level."),
                };
            }
            var answer = await s.PostAsync($"api/devices/{Uri.EscapeDataString(parse.GetValue(commandId)!)}/command", body, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine($"{JsonText.Get(a, "device")}: {JsonText.Get(a, "status")}"));
        });

        palette.Subcommands.Add(list);
        palette.Subcommands.Add(show);
        palette.Subcommands.Add(command);
        palette.Subcommands.Add(query);
        return palette;
    }

    private static object NumberOrText(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : text;

    private static void WriteDevice(TextWriter output, JsonElement device)
    {
        TextTable.WritePairs(output,
        [
            ("Id", JsonText.Get(device, "id")), ("Name", JsonText.Get(device, "name")), ("Type", JsonText.Get(device, "typeName")),
            ("Driver", JsonText.Get(device, "driver")), ("Ok", JsonText.Get(device, "ok")), ("Last heard", JsonText.Time(device, "lastHeard")),
            ("Clusters", string.Join(", ", JsonText.Items(device, "clusters").Select(static c => $"{JsonText.Get(c, "name")} (0x{int.Parse(JsonText.Get(c, "id"), CultureInfo.InvariantCulture):X4})"))),
        ]);
        output.WriteLine();
        // VALUE in its unit and scale ("20.00 °C"), RAW as the device reports it (2000). HEARD "no (last known)": a value
        // restored from the journal at start that the device has not reported since.
        TextTable.Write(output, ["CLUSTER", "ATTRIBUTE", "NAME", "VALUE", "RAW", "REPORTED (UTC)", "HEARD"],
            [.. JsonText.Items(device, "attributes").Select(static a => (IReadOnlyList<string>)[$"0x{int.Parse(JsonText.Get(a, "cluster"), CultureInfo.InvariantCulture):X4}", $"0x{int.Parse(JsonText.Get(a, "attribute"), CultureInfo.InvariantCulture):X4}",
                JsonText.Get(a, "name"), Shown(a), JsonText.Get(a, "value"), JsonText.Time(a, "reportedAt"), JsonText.Get(a, "restored") == "true" ? "no (last known)" : "yes"])]);
    }

    // The few attributes that say what a device is doing, in their units: "on, level 200 (78 %)", "20.00 °C",
    // "room 21.00 °C, heat to 20.00 °C, heat".
    private static string Summary(JsonElement device)
    {
        var parts = new List<string>();
        foreach (var a in JsonText.Items(device, "attributes"))
        {
            var label = (JsonText.Get(a, "cluster"), JsonText.Get(a, "attribute")) switch
            {
                ("6", "0") => "",
                ("8", "0") => "level ",
                ("1026", "0") => "",
                ("513", "0") => "room ",
                ("513", "18") => "heat to ",
                ("513", "28") => "",
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
    private static string Shown(JsonElement attribute) => JsonText.Get(attribute, "display") is { } shown && shown != "-" ? shown : JsonText.Get(attribute, "value");
}
