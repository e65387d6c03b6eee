using System.CommandLine;
using System.Text.Json;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildTask()
    {
        var palette = new Command("task", "Start, watch and control tasks.");

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
            var answer = await s.PostAsync("api/tasks", body, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine(JsonText.Get(a, "id")));
        });

        var list = new Command("list", "List the tasks.");
        Client(list, async (_, s, ct) =>
        {
            var answer = await s.GetAsync("api/tasks", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["ID", "NAME", "APP", "FUNCTION", "STATE", "REASON"],
                [.. a.EnumerateArray().Select(x => (IReadOnlyList<string>)[JsonText.Get(x, "id"), JsonText.Get(x, "name"), JsonText.Get(x, "app"), JsonText.Get(x, "function"), JsonText.Get(x, "state"), JsonText.Get(x, "reason")])]));
        });

        palette.Subcommands.Add(start);
        palette.Subcommands.Add(list);
        palette.Subcommands.Add(TaskAction("show", "Show a task.", HttpMethod.Get, ""));
        palette.Subcommands.Add(TaskAction("stop", "Stop a task (it becomes Disabled).", HttpMethod.Post, "/stop"));
        palette.Subcommands.Add(TaskAction("resume", "Start a Disabled or Stopped task again.", HttpMethod.Post, "/resume"));
        palette.Subcommands.Add(TaskAction("reset", "Clear a task's Error.", HttpMethod.Post, "/reset"));
        palette.Subcommands.Add(TaskAction("delete", "Stop and delete a task.", HttpMethod.Delete, ""));

        var logsId = new Argument<long>("id") { Description = "The task's id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C." };
        var count = new Option<int>("-n", "--lines") { Description = "How many recent lines.", DefaultValueFactory = static _ => 100 };
        var logs = new Command("logs", "Print a task's log.") { logsId, follow, count };
        Client(logs, async (parse, s, ct) =>
        {
            var path = $"api/tasks/{parse.GetValue(logsId)}/logs?max={parse.GetValue(count)}";
            if (parse.GetValue(follow))
            {
                await s.Client.FollowAsync(path + "&follow=true", data =>
                {
                    if (s.Json)
                    {
                        s.Output.WriteLine(data);
                    }
                    else
                    {
                        using var line = JsonDocument.Parse(data);
                        WriteLogLine(s.Output, line.RootElement);
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

    private static void WriteLogLine(TextWriter output, JsonElement line) => output.WriteLine($"{JsonText.Time(line, "time")}  {JsonText.Get(line, "text")}");

    private Command TaskAction(string verb, string description, HttpMethod method, string suffix)
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var command = new Command(verb, description) { id };
        Client(command, async (parse, s, ct) =>
        {
            var taskId = parse.GetValue(id);
            var answer = await s.Client.SendAsync(method, $"api/tasks/{taskId}{suffix}", method == HttpMethod.Post ? new { } : null, ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                if (verb == "delete")
                {
                    s.Output.WriteLine($"Task {taskId} deleted.");
                    return;
                }
                TextTable.WritePairs(s.Output,
                [
                    ("Id", JsonText.Get(a, "id")), ("Name", JsonText.Get(a, "name")), ("App", JsonText.Get(a, "app")), ("Function", JsonText.Get(a, "function")),
                    ("State", JsonText.Get(a, "state")), ("Reason", JsonText.Get(a, "reason")), ("Arguments", JsonText.Get(a, "arguments")),
                ]);
            });
        });
        return command;
    }
}
