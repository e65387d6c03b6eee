using System.CommandLine;
using System.Text.Json;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildTask()
    {
        var palette = new Command("task", "Start, watch and control tasks (of any node of the cluster with --on NODE).");
        palette.Options.Add(_on);

        var app = new Argument<string>("app") { Description = "The app." };
        var function = new Argument<string>("function") { Description = "The app function the task calls." };
        var args = new Option<string?>("--args") { Description = "The arguments as JSON (an array or an object)." };
        var name = new Option<string?>("--name") { Description = "The task's name." };
        var start = new Command("start", "Create and start a task; prints its id.") { app, function, args, name };
        Client(start, async (parse, s, ct) =>
        {
            var arguments = ParseJsonOption(parse.GetValue(args), "--args");
            var body = new Dictionary<string, object?>
            {
                ["app"] = parse.GetValue(app),
                ["function"] = parse.GetValue(function),
                ["name"] = parse.GetValue(name),
            };
            if (arguments.ValueKind != JsonValueKind.Undefined)
            {
                body["arguments"] = arguments;
            }
            var answer = await s.PostAsync("api/tasks" + OnQuery(parse, "?"), body, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine(JsonText.Get(a, "id")));
        });

        var all = new Option<bool>("--all") { Description = "The tasks of every node of the cluster." };
        var list = new Command("list", "List the tasks (of this node, of --on NODE, or of every node with --all).") { all };
        Client(list, async (parse, s, ct) =>
        {
            if (parse.GetValue(all))
            {
                var everywhere = await s.GetAsync("api/tasks?on=all", ct).ConfigureAwait(false);
                s.Print(everywhere, a =>
                {
                    TextTable.Write(s.Output, ["NODE", "ID", "NAME", "APP", "FUNCTION", "STATE", "REASON"],
                        [.. JsonText.Items(a, "tasks").Select(x => (IReadOnlyList<string>)[JsonText.Get(x, "node"), JsonText.Get(x, "id"), JsonText.Get(x, "name"), JsonText.Get(x, "app"), JsonText.Get(x, "function"), JsonText.Get(x, "state"), JsonText.Get(x, "reason")])]);
                    var missing = JsonText.Items(a, "unanswered").Select(static n => n.GetString()).ToList();
                    if (missing.Count > 0)
                    {
                        s.Output.WriteLine($"Did not answer: {string.Join(", ", missing)}");
                    }
                });
                return;
            }
            var answer = await s.GetAsync("api/tasks" + OnQuery(parse, "?"), ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["ID", "NAME", "APP", "FUNCTION", "STATE", "REASON"],
                [.. a.EnumerateArray().Select(x => (IReadOnlyList<string>)[JsonText.Get(x, "id"), JsonText.Get(x, "name"), JsonText.Get(x, "app"), JsonText.Get(x, "function"), JsonText.Get(x, "state"), JsonText.Get(x, "reason")])]));
        });

        palette.Subcommands.Add(start);
        palette.Subcommands.Add(list);
        palette.Subcommands.Add(TaskAction("show", "Show a task.", HttpMethod.Get, ""));
        palette.Subcommands.Add(TaskAction("stop", "Stop a task (it becomes Disabled).", HttpMethod.Post, "/stop"));
        palette.Subcommands.Add(TaskAction("resume", "Start a Disabled or Stopped task again.", HttpMethod.Post, "/resume"));
        palette.Subcommands.Add(TaskAction("reset", "Clear a task's Error.", HttpMethod.Post, "/reset"));
        palette.Subcommands.Add(TaskDelete());

        var logsId = new Argument<long>("id") { Description = "The task's id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until the task's run ends (or Ctrl-C)." };
        var count = new Option<int>("-n", "--lines") { Description = "How many recent lines.", DefaultValueFactory = static _ => 100 };
        var logs = new Command("logs", "Print a task's log.") { logsId, follow, count };
        Client(logs, async (parse, s, ct) =>
        {
            var path = $"api/tasks/{parse.GetValue(logsId)}/logs?max={parse.GetValue(count)}{OnQuery(parse, "&")}";
            if (parse.GetValue(follow))
            {
                await s.Client.FollowAsync(path + "&follow=true", (name, data) =>
                {
                    using var document = JsonDocument.Parse(data);
                    if (name == "end")
                    {
                        // The run ended; the node closes the stream after this event.
                        s.Output.WriteLine(s.Json ? $"{{\"ended\":{data}}}" : $"Task {parse.GetValue(logsId)} ended: {Ended(document.RootElement)}.");
                    }
                    else if (s.Json)
                    {
                        s.Output.WriteLine(data);
                    }
                    else
                    {
                        WriteLogLine(s.Output, document.RootElement);
                    }
                    s.Output.Flush();
                }, ct).ConfigureAwait(false);
                return;
            }
            var answer = await s.GetAsync(path, ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                foreach (var line in a.EnumerateArray())
                {
                    WriteLogLine(s.Output, line);
                }
            });
        });
        palette.Subcommands.Add(logs);
        return palette;
    }

    // The traceback goes under the reason, one indented line per frame; the statistics follow as rows.
    private static void WriteTask(TextWriter output, JsonElement task)
    {
        List<(string Key, string Value)> pairs =
        [
            ("Id", JsonText.Get(task, "id")), ("Name", JsonText.Get(task, "name")), ("App", JsonText.Get(task, "app")), ("Function", JsonText.Get(task, "function")),
            ("State", JsonText.Get(task, "state")), ("Reason", JsonText.Get(task, "reason")),
        ];
        var traceback = JsonText.Get(task, "traceback");
        if (traceback != "-")
        {
            pairs.Add(("Traceback", ""));
        }
        pairs.Add(("Arguments", JsonText.Get(task, "arguments")));
        if (task.TryGetProperty("statistics", out var statistics) && statistics.ValueKind == JsonValueKind.Object)
        {
            pairs.AddRange(
            [
                ("Threads", JsonText.Get(statistics, "threads")),
                ("Events dropped", JsonText.Get(statistics, "eventsDropped")),
                ("Log lines suppressed", JsonText.Get(statistics, "logLinesSuppressed")),
                ("Lua memory", JsonText.Get(statistics, "luaMemoryBytes") + " bytes"),
                ("Lua memory peak", JsonText.Get(statistics, "luaMemoryPeakBytes") + " bytes"),
                ("Longest slice", JsonText.Get(statistics, "longestSliceMilliseconds") + " ms"),
                ("Busy time", JsonText.Get(statistics, "busyMilliseconds") + " ms"),
            ]);
        }
        var at = pairs.FindIndex(static p => p.Key == "Traceback");
        if (at < 0)
        {
            TextTable.WritePairs(output, pairs);
            return;
        }
        // Keys padded to the width of the longest so the rows above and below the traceback line up.
        var width = pairs.Max(static p => p.Key.Length);
        TextTable.WritePairs(output, [.. pairs.GetRange(0, at).Select(p => (p.Key.PadRight(width), p.Value))]);
        output.WriteLine("Traceback:");
        foreach (var line in traceback.Split('\n'))
        {
            output.WriteLine("    " + line.TrimEnd('\r'));
        }
        TextTable.WritePairs(output, [.. pairs.GetRange(at + 1, pairs.Count - at - 1).Select(p => (p.Key.PadRight(width), p.Value))]);
    }

    // "#12  2026-12-04 10:00:01  hello": the sequence number says where a line is in the task's log (gaps: lines the ring dropped).
    private static void WriteLogLine(TextWriter output, JsonElement line) => output.WriteLine($"#{JsonText.Get(line, "sequence")}  {JsonText.Time(line, "time")}  {JsonText.Get(line, "text")}");

    private static string Ended(JsonElement task) => JsonText.Get(task, "reason") is { } reason && reason != "-" ? $"{JsonText.Get(task, "state")} ({reason})" : JsonText.Get(task, "state");

    private string OnQuery(ParseResult parse, string separator) => parse.GetValue(_on) is { Length: > 0 } on ? separator + "on=" + Uri.EscapeDataString(on) : "";

    private Command TaskDelete()
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var force = new Option<bool>("--force") { Description = "End its threads at once without running more of their code, and do not wait (a task stuck where no stop reaches it)." };
        var command = new Command("delete", "Stop and delete a task.") { id, force };
        Client(command, async (parse, s, ct) =>
        {
            var taskId = parse.GetValue(id);
            var path = $"api/tasks/{taskId}" + (parse.GetValue(force) ? "?force=true" : "") + OnQuery(parse, parse.GetValue(force) ? "&" : "?");
            var answer = await s.Client.SendAsync(HttpMethod.Delete, path, null, ct).ConfigureAwait(false);
            s.Print(answer, _ => s.Output.WriteLine($"Task {taskId} deleted."));
        });
        return command;
    }

    private Command TaskAction(string verb, string description, HttpMethod method, string suffix)
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var command = new Command(verb, description) { id };
        Client(command, async (parse, s, ct) =>
        {
            var taskId = parse.GetValue(id);
            var answer = await s.Client.SendAsync(method, $"api/tasks/{taskId}{suffix}{OnQuery(parse, "?")}", method == HttpMethod.Post ? new { } : null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteTask(s.Output, a));
        });
        return command;
    }
}
