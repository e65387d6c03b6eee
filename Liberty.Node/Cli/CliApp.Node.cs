using System.CommandLine;
using System.Text.Json;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildNode()
    {
        var palette = new Command("node", "The node's status and statistics.");
        var status = new Command("status", "Show the node's status: tasks by state, devices, events, dispatcher, memory, uptime, versions.");
        Client(status, async (_, s, ct) =>
        {
            var answer = await s.GetAsync("api/node", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                var tasks = a.GetProperty("tasks");
                var byState = string.Join(", ", tasks.GetProperty("byState").EnumerateObject().Select(static p => $"{p.Name} {p.Value}"));
                var devices = a.GetProperty("devices");
                var events = a.GetProperty("events");
                var dispatcher = a.GetProperty("dispatcher");
                var memory = a.GetProperty("memory");
                TextTable.WritePairs(s.Output,
                [
                    ("Node", JsonText.Get(a, "node")), ("Version", JsonText.Get(a, "version")), ("Runtime", JsonText.Get(a, "runtime")),
                    ("Uptime", JsonText.Get(a, "uptime")), ("Apps", JsonText.Get(a, "apps")),
                    ("Tasks", $"{JsonText.Get(tasks, "total")} ({byState})"),
                    ("Task stats", $"{JsonText.Get(tasks, "eventsDropped")} events dropped, {JsonText.Get(tasks, "logLinesSuppressed")} log lines suppressed, {Mib(tasks, "luaMemoryBytes")} MiB Lua memory"),
                    ("Devices", $"{JsonText.Get(devices, "total")} ({JsonText.Get(devices, "ok")} ok)"
                        + (JsonText.Get(devices, "fleet") == JsonText.Get(devices, "total") ? "" : $"; the fleet: {JsonText.Get(devices, "fleet")} ({JsonText.Get(devices, "fleetOk")} ok)")),
                    ("Events", $"{JsonText.Get(events, "published")} published, {JsonText.Get(events, "delivered")} delivered, {JsonText.Get(events, "dropped")} dropped, {JsonText.Get(events, "deadLetters")} dead letters"),
                    ("Dispatcher", $"{JsonText.Get(dispatcher, "utilisation")} utilisation (busy ratio of the task thread), {JsonText.Get(dispatcher, "busySeconds")} s busy, {JsonText.Get(dispatcher, "slices")} slices, longest {JsonText.Get(dispatcher, "longestSliceMs")} ms"),
                    ("Memory", $"{Mib(memory, "workingSetBytes")} MiB working set, {Mib(memory, "managedHeapBytes")} MiB managed"),
                    ("Cluster", ClusterLine(a.GetProperty("cluster"))),
                ]);
                if (a.GetProperty("cluster").GetProperty("mode").GetString() == "cluster")
                {
                    TextTable.Write(s.Output, ["MEMBER", "ADDRESS", "STATUS", "REACHABILITY", "LAST HEARD (UTC)"],
                        [.. JsonText.Items(a.GetProperty("cluster"), "members").Select(static m => (IReadOnlyList<string>)[
                            JsonText.Get(m, "node") + (m.GetProperty("leader").GetBoolean() ? " (leader)" : "") + (m.GetProperty("self").GetBoolean() ? " (this node)" : ""),
                            JsonText.Get(m, "address"), JsonText.Get(m, "status"), JsonText.Get(m, "reachability"), JsonText.Time(m, "lastHeard")])]);
                }
            });
        });
        palette.Subcommands.Add(status);
        return palette;
    }

    private Command BuildActor()
    {
        var palette = new Command("actor", "The node's actor system.");
        var system = new Command("system", "Show the actor system.");
        Client(system, async (_, s, ct) =>
        {
            var answer = await s.GetAsync("api/actors/system", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.WritePairs(s.Output,
            [
                ("System", JsonText.Get(a, "name")), ("Address", JsonText.Get(a, "address")), ("Uptime", JsonText.Get(a, "uptime")),
                ("User actors", JsonText.Get(a, "userActors")), ("System actors", JsonText.Get(a, "systemActors")), ("Dead letters", JsonText.Get(a, "deadLetters")),
            ]));
        });
        var depth = new Option<int>("-d", "--depth") { Description = "How deep to walk.", DefaultValueFactory = static _ => 3 };
        var start = new Option<string?>("-s", "--path") { Description = "Where to start (e.g. /user/devices); default the root." };
        var hierarchy = new Command("hierarchy", "Print the actor tree.") { depth, start };
        Client(hierarchy, async (parse, s, ct) =>
        {
            var path = parse.GetValue(start) ?? "/";
            var answer = await s.GetAsync($"api/actors/hierarchy?depth={parse.GetValue(depth)}&path={Uri.EscapeDataString(path)}", ct).ConfigureAwait(false);
            s.Print(answer, a => WriteTree(s.Output, a, 0));
        });
        palette.Subcommands.Add(system);
        palette.Subcommands.Add(hierarchy);
        return palette;
    }

    private Command BuildLog()
    {
        var palette = new Command("log", "The node's recent log.");
        var count = new Option<int>("-n", "--lines") { Description = "How many recent lines.", DefaultValueFactory = static _ => 50 };
        var peek = new Command("peek", "Print the node's recent log lines.") { count };
        Client(peek, async (parse, s, ct) =>
        {
            var answer = await s.GetAsync($"api/log?n={parse.GetValue(count)}", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                foreach (var line in a.EnumerateArray())
                {
                    s.Output.WriteLine($"{JsonText.Time(line, "time")} {JsonText.Get(line, "level"),-11} {JsonText.Get(line, "category")}: {JsonText.Get(line, "message")}");
                }
            });
        });
        palette.Subcommands.Add(peek);
        return palette;
    }

    private Command BuildCluster()
    {
        var palette = new Command("cluster", "The cluster this node belongs to: members, leave, down.");
        var show = new Command("show", "Show the members as this node sees them: address | [roles] | status | reachability | version.");
        Client(show, async (_, s, ct) =>
        {
            var answer = await s.GetAsync("api/cluster", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                if (JsonText.Get(a, "mode") == "single-node")
                {
                    s.Output.WriteLine("This node runs alone: it has no seeds (Cluster:Seeds, --seed).");
                }
                else if (!a.GetProperty("joined").GetBoolean())
                {
                    s.Output.WriteLine($"Not joined yet: trying the seeds {string.Join(", ", JsonText.Items(a, "seeds").Select(static e => e.GetString()))}.");
                }
                var members = JsonText.Items(a, "members").ToList();
                foreach (var m in members)
                {
                    var roles = string.Join(", ", JsonText.Items(m, "roles").Select(static r => r.GetString()));
                    s.Output.WriteLine($"{JsonText.Get(m, "address")} | [{roles}] | {JsonText.Get(m, "status")} | {JsonText.Get(m, "reachability")} | {JsonText.Get(m, "version")}");
                }
                s.Output.WriteLine($"Count: {members.Count} nodes");
            });
        });
        var leaveNode = new Argument<string?>("node") { Description = "The member: node name, cluster address or host:port (default: the node you talk to).", Arity = ArgumentArity.ZeroOrOne };
        var leave = new Command("leave", "Ask a member to leave the cluster gracefully (default: this node).") { leaveNode };
        Client(leave, async (parse, s, ct) =>
        {
            var target = parse.GetValue(leaveNode);
            var answer = await s.PostAsync("api/cluster/leave" + (target is null ? "" : "?node=" + Uri.EscapeDataString(target)), null, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine($"Leaving: {JsonText.Get(a, "leaving")}"));
        });
        var downNode = new Argument<string>("node") { Description = "The member: node name, cluster address or host:port." };
        var down = new Command("down", "Mark a member Down (it is removed at once; for a member you know is dead).") { downNode };
        Client(down, async (parse, s, ct) =>
        {
            var answer = await s.PostAsync("api/cluster/down?node=" + Uri.EscapeDataString(parse.GetValue(downNode)!), null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDowned(s.Output, a));
        });
        var downUnreachable = new Command("down-unreachable", "Mark every member this node sees unreachable Down.");
        Client(downUnreachable, async (_, s, ct) =>
        {
            var answer = await s.PostAsync("api/cluster/down-unreachable", null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDowned(s.Output, a));
        });
        palette.Subcommands.Add(show);
        palette.Subcommands.Add(leave);
        palette.Subcommands.Add(down);
        palette.Subcommands.Add(downUnreachable);
        return palette;
    }

    private static void WriteDowned(TextWriter output, JsonElement answer)
    {
        var downed = JsonText.Items(answer, "downed").Select(static e => e.GetString()).ToList();
        output.WriteLine(downed.Count == 0 ? "No member was unreachable." : "Downed: " + string.Join(", ", downed));
    }

    private static void WriteTree(TextWriter output, JsonElement node, int indent)
    {
        var name = JsonText.Get(node, "path");
        var type = JsonText.Get(node, "type");
        var children = node.TryGetProperty("children", out var c) && c.ValueKind == JsonValueKind.Array ? c : default;
        var more = children.ValueKind == JsonValueKind.Undefined && JsonText.Get(node, "childCount") is var n && n != "0" ? $" (+{n} children)" : "";
        output.WriteLine($"{new string(' ', indent * 2)}{name}{(type == "-" ? "" : $" [{type}]")}{more}");
        if (children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                WriteTree(output, child, indent + 1);
            }
        }
    }

    private static string ClusterLine(JsonElement cluster)
    {
        if (cluster.GetProperty("mode").GetString() != "cluster")
        {
            return "none (this node runs alone)";
        }
        var members = JsonText.Items(cluster, "members").ToList();
        var up = members.Count(static m => m.GetProperty("status").GetString() == "Up");
        var unreachable = members.Count(static m => m.GetProperty("reachability").GetString() == "Unreachable");
        return $"{JsonText.Get(cluster, "name")}: {members.Count} members ({up} Up, {unreachable} unreachable), leader {JsonText.Get(cluster, "leader")}"
            + (cluster.GetProperty("joined").GetBoolean() ? "" : "; NOT JOINED yet (seeds unreachable?)");
    }

    private static string Mib(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.TryGetInt64(out var bytes) ? (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
