using System.CommandLine;
using System.Text.Json;
using Liberty.Node.Management.Contracts;

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
            var body = new StartTaskRequest(parse.GetValue(app)!, parse.GetValue(function)!, arguments.ValueKind == JsonValueKind.Undefined ? null : arguments, parse.GetValue(name));
            var answer = await s.PostAsync<TaskView>("api/tasks" + OnQuery(parse, "?"), body, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine(CellText.Of(a.Id)));
        });

        var all = new Option<bool>("--all") { Description = "The tasks of every node of the cluster." };
        var list = new Command("list", "List the tasks (of this node, of --on NODE, or of every node with --all).") { all };
        Client(list, async (parse, s, ct) =>
        {
            if (parse.GetValue(all))
            {
                var everywhere = await s.GetAsync<TasksEverywhereView>("api/tasks?on=all", ct).ConfigureAwait(false);
                s.Print(everywhere, a =>
                {
                    TextTable.Write(s.Output, ["NODE", "ID", "NAME", "APP", "FUNCTION", "STATE", "REASON"],
                        [.. a.Tasks.Select(static x => (IReadOnlyList<string>)[CellText.Of(x.Node), CellText.Of(x.Id), CellText.Of(x.Name), CellText.Of(x.App), CellText.Of(x.Function), CellText.Of(x.State), CellText.Of(x.Reason)])]);
                    if (a.Unanswered.Count > 0)
                    {
                        s.Output.WriteLine($"Did not answer: {string.Join(", ", a.Unanswered)}");
                    }
                });
                return;
            }
            var answer = await s.GetAsync<IReadOnlyList<TaskView>>("api/tasks" + OnQuery(parse, "?"), ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["ID", "NAME", "APP", "FUNCTION", "STATE", "REASON"],
                [.. a.Select(static x => (IReadOnlyList<string>)[CellText.Of(x.Id), CellText.Of(x.Name), CellText.Of(x.App), CellText.Of(x.Function), CellText.Of(x.State), CellText.Of(x.Reason)])]));
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
                    if (name == "end")
                    {
                        // The run ended; the node closes the stream after this event.
                        s.Output.WriteLine(s.Json ? $"{{\"ended\":{data}}}" : $"Task {parse.GetValue(logsId)} ended: {Ended(s.Client.Read<TaskView>(data))}.");
                    }
                    else if (s.Json)
                    {
                        s.Output.WriteLine(data);
                    }
                    else
                    {
                        WriteLogLine(s.Output, s.Client.Read<TaskLogLine>(data));
                    }
                    s.Output.Flush();
                }, ct).ConfigureAwait(false);
                return;
            }
            var answer = await s.GetAsync<IReadOnlyList<TaskLogLine>>(path, ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                foreach (var line in a)
                {
                    WriteLogLine(s.Output, line);
                }
            });
        });
        palette.Subcommands.Add(logs);
        return palette;
    }

    // The traceback goes under the reason, one indented line per frame; the statistics follow as rows.
    private static void WriteTask(TextWriter output, TaskView task)
    {
        List<(string Key, string Value)> pairs =
        [
            ("Id", CellText.Of(task.Id)), ("Name", CellText.Of(task.Name)), ("App", CellText.Of(task.App)), ("Function", CellText.Of(task.Function)),
            ("State", CellText.Of(task.State)), ("Reason", CellText.Of(task.Reason)),
        ];
        if (task.Traceback is not null)
        {
            pairs.Add(("Traceback", ""));
        }
        pairs.Add(("Arguments", CellText.Of(task.Arguments)));
        if (task.Statistics is { } statistics)
        {
            pairs.AddRange(
            [
                ("Threads", CellText.Of(statistics.Threads)),
                ("Events dropped", CellText.Of(statistics.EventsDropped)),
                ("Log lines suppressed", CellText.Of(statistics.LogLinesSuppressed)),
                ("Lua memory", CellText.Of(statistics.LuaMemoryBytes) + " bytes"),
                ("Lua memory peak", CellText.Of(statistics.LuaMemoryPeakBytes) + " bytes"),
                ("Longest slice", CellText.Of(statistics.LongestSliceMilliseconds) + " ms"),
                ("Busy time", CellText.Of(statistics.BusyMilliseconds) + " ms"),
            ]);
        }
        var at = pairs.FindIndex(static p => p.Key == "Traceback");
        if (at < 0 || task.Traceback is not { } traceback)
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
    private static void WriteLogLine(TextWriter output, TaskLogLine line) => output.WriteLine($"#{CellText.Of(line.Sequence)}  {CellText.Time(line.Time)}  {CellText.Of(line.Text)}");

    private static string Ended(TaskView task) => task.Reason is { } reason ? $"{CellText.Of(task.State)} ({reason})" : CellText.Of(task.State);

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
            var answer = await s.DeleteAsync<TaskDeletedView>(path, ct).ConfigureAwait(false);
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
            var answer = await s.Client.SendAsync<TaskView>(method, $"api/tasks/{taskId}{suffix}{OnQuery(parse, "?")}", method == HttpMethod.Post ? new { } : null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteTask(s.Output, a));
        });
        return command;
    }
}
