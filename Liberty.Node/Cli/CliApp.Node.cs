using System.CommandLine;
using System.Globalization;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildNode()
    {
        var palette = new Command("node", "The node's status and statistics.");
        var status = new Command("status", "Show the node's status: tasks by state, devices, events, dispatcher, memory, uptime, versions.");
        Client(status, async (_, s, ct) =>
        {
            var answer = await s.GetAsync<NodeStatusView>("api/node", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                var tasks = a.Tasks;
                var byState = string.Join(", ", tasks.ByState.Select(static p => $"{p.Key} {CellText.Of(p.Value)}"));
                var devices = a.Devices;
                var events = a.Events;
                var dispatcher = a.Dispatcher;
                var memory = a.Memory;
                TextTable.WritePairs(s.Output,
                [
                    ("Node", CellText.Of(a.Node)), ("Version", CellText.Of(a.Version)), ("Runtime", CellText.Of(a.Runtime)),
                    ("Uptime", CellText.Of(a.Uptime)), ("Apps", CellText.Of(a.Apps)),
                    ("Tasks", $"{CellText.Of(tasks.Total)} ({byState})"),
                    ("Task stats", $"{CellText.Of(tasks.EventsDropped)} events dropped, {CellText.Of(tasks.LogLinesSuppressed)} log lines suppressed, {Mib(tasks.LuaMemoryBytes)} MiB Lua memory"),
                    ("Devices", $"{CellText.Of(devices.Total)} ({CellText.Of(devices.Ok)} ok)"
                        + (devices.Fleet == devices.Total ? "" : $"; the fleet: {CellText.Of(devices.Fleet)} ({CellText.Of(devices.FleetOk)} ok)")),
                    ("Events", $"{CellText.Of(events.Published)} published, {CellText.Of(events.Delivered)} delivered, {CellText.Of(events.Dropped)} dropped, {CellText.Of(events.DeadLetters)} dead letters"),
                    ("Dispatcher", $"{CellText.Of(dispatcher.Utilisation)} utilisation (busy ratio of the task thread), {CellText.Of(dispatcher.BusySeconds)} s busy, {CellText.Of(dispatcher.Slices)} slices, longest {CellText.Of(dispatcher.LongestSliceMs)} ms"),
                    ("Memory", $"{Mib(memory.WorkingSetBytes)} MiB working set, {Mib(memory.ManagedHeapBytes)} MiB managed"),
                    ("Cluster", ClusterLine(a.Cluster)),
                ]);
                if (a.Cluster.Mode == "cluster")
                {
                    TextTable.Write(s.Output, ["MEMBER", "ADDRESS", "STATUS", "REACHABILITY", "LAST HEARD (UTC)"],
                        [.. a.Cluster.Members.Select(static m => (IReadOnlyList<string>)[
                            CellText.Of(m.Node) + (m.Leader ? " (leader)" : "") + (m.Self ? " (this node)" : ""),
                            CellText.Of(m.Address), CellText.Of(m.Status), CellText.Of(m.Reachability), CellText.Time(m.LastHeard)])]);
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
            var answer = await s.GetAsync<ActorSystemView>("api/actors/system", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.WritePairs(s.Output,
            [
                ("System", CellText.Of(a.Name)), ("Address", CellText.Of(a.Address)), ("Uptime", CellText.Of(a.Uptime)),
                ("User actors", CellText.Of(a.UserActors)), ("System actors", CellText.Of(a.SystemActors)), ("Dead letters", CellText.Of(a.DeadLetters)),
            ]));
        });
        var depth = new Option<int>("-d", "--depth") { Description = "How deep to walk.", DefaultValueFactory = static _ => 3 };
        var start = new Option<string?>("-s", "--path") { Description = "Where to start (e.g. /user/devices); default the root." };
        var hierarchy = new Command("hierarchy", "Print the actor tree.") { depth, start };
        Client(hierarchy, async (parse, s, ct) =>
        {
            var path = parse.GetValue(start) ?? "/";
            var answer = await s.GetAsync<ActorNode>($"api/actors/hierarchy?depth={parse.GetValue(depth)}&path={Uri.EscapeDataString(path)}", ct).ConfigureAwait(false);
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
            var answer = await s.GetAsync<IReadOnlyList<RecentLogEntry>>($"api/log?n={parse.GetValue(count)}", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                foreach (var line in a)
                {
                    s.Output.WriteLine($"{CellText.Time(line.Time)} {CellText.Of(line.Level),-11} {CellText.Of(line.Category)}: {CellText.Of(line.Message)}");
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
            var answer = await s.GetAsync<ClusterStateView>("api/cluster", ct).ConfigureAwait(false);
            s.Print(answer, a =>
            {
                if (a.Mode == "single-node")
                {
                    s.Output.WriteLine("This node runs alone: it has no seeds (Cluster:Seeds, --seed).");
                }
                else if (!a.Joined)
                {
                    s.Output.WriteLine($"Not joined yet: trying the seeds {string.Join(", ", a.Seeds)}.");
                }
                foreach (var m in a.Members)
                {
                    s.Output.WriteLine($"{CellText.Of(m.Address)} | [{string.Join(", ", m.Roles)}] | {CellText.Of(m.Status)} | {CellText.Of(m.Reachability)} | {CellText.Of(m.Version)}");
                }
                s.Output.WriteLine($"Count: {a.Members.Count} nodes");
            });
        });
        var leaveNode = new Argument<string?>("node") { Description = "The member: node name, cluster address or host:port (default: the node you talk to).", Arity = ArgumentArity.ZeroOrOne };
        var leave = new Command("leave", "Ask a member to leave the cluster gracefully (default: this node).") { leaveNode };
        Client(leave, async (parse, s, ct) =>
        {
            var target = parse.GetValue(leaveNode);
            var answer = await s.PostAsync<ClusterLeaveView>("api/cluster/leave" + (target is null ? "" : "?node=" + Uri.EscapeDataString(target)), null, ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine($"Leaving: {CellText.Of(a.Leaving)}"));
        });
        var downNode = new Argument<string>("node") { Description = "The member: node name, cluster address or host:port." };
        var down = new Command("down", "Mark a member Down (it is removed at once; for a member you know is dead).") { downNode };
        Client(down, async (parse, s, ct) =>
        {
            var answer = await s.PostAsync<ClusterDownView>("api/cluster/down?node=" + Uri.EscapeDataString(parse.GetValue(downNode)!), null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDowned(s.Output, a));
        });
        var downUnreachable = new Command("down-unreachable", "Mark every member this node sees unreachable Down.");
        Client(downUnreachable, async (_, s, ct) =>
        {
            var answer = await s.PostAsync<ClusterDownView>("api/cluster/down-unreachable", null, ct).ConfigureAwait(false);
            s.Print(answer, a => WriteDowned(s.Output, a));
        });
        palette.Subcommands.Add(show);
        palette.Subcommands.Add(leave);
        palette.Subcommands.Add(down);
        palette.Subcommands.Add(downUnreachable);
        return palette;
    }

    private static void WriteDowned(TextWriter output, ClusterDownView answer) =>
        output.WriteLine(answer.Downed.Count == 0 ? "No member was unreachable." : "Downed: " + string.Join(", ", answer.Downed));

    private static void WriteTree(TextWriter output, ActorNode node, int indent)
    {
        var more = node.Children is null && node.ChildCount != 0 ? $" (+{CellText.Of(node.ChildCount)} children)" : "";
        output.WriteLine($"{new string(' ', indent * 2)}{CellText.Of(node.Path)}{(node.Type is null ? "" : $" [{node.Type}]")}{more}");
        foreach (var child in node.Children ?? [])
        {
            WriteTree(output, child, indent + 1);
        }
    }

    private static string ClusterLine(ClusterStateView cluster)
    {
        if (cluster.Mode != "cluster")
        {
            return "none (this node runs alone)";
        }
        var up = cluster.Members.Count(static m => m.Status == "Up");
        var unreachable = cluster.Members.Count(static m => m.Reachability == "Unreachable");
        return $"{CellText.Of(cluster.Name)}: {cluster.Members.Count} members ({up} Up, {unreachable} unreachable), leader {CellText.Of(cluster.Leader)}"
            + (cluster.Joined ? "" : "; NOT JOINED yet (seeds unreachable?)");
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
}
