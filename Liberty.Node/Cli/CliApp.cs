using System.CommandLine;
using System.Text.Json;
using Liberty.Node.Hosting;

namespace Liberty.Node.Cli;

/// <summary>
/// The <c>liberty</c> command line: <c>run</c> starts a node; the palettes (<c>app</c>, <c>task</c>, <c>device</c>,
/// <c>node</c>, <c>actor</c>, <c>log</c>, <c>cluster</c>) are clients of a node's management API; <c>shell</c> (or
/// no command) reads the same commands from a prompt. Exit codes: <see cref="CliExitCodes"/>.
/// </summary>
internal sealed partial class CliApp
{
    /// <summary>The node address used when neither --node nor LIBERTY_NODE is given.</summary>
    public const string DefaultNode = "http://127.0.0.1:9110";

    // Plain UTF-8, as the node answers: scripts read "it's", not "it\u0027s".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Func<string, string?> _environment;
    private readonly RootCommand _root;
    private readonly Option<string?> _node = new("--node") { Description = "The node's API address (default: LIBERTY_NODE, else " + DefaultNode + ").", Recursive = true };
    private readonly Option<string?> _token = new("--token") { Description = "The admin token (default: LIBERTY_TOKEN, else <data>/admin.token).", Recursive = true };
    private readonly Option<bool> _json = new("--json") { Description = "Print the node's JSON answers instead of tables.", Recursive = true };
    private readonly Option<string?> _data = new("--data") { Description = "The node's data folder: for run, where it keeps its state; for clients, where to find admin.token (default ./data).", Recursive = true };
    private readonly Option<string?> _on = new("--on") { Description = "Run the task command on this node of the cluster (its name) instead of the node you talk to.", Recursive = true };
    private bool _inShell;

    private CliApp(TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        _input = input;
        _output = output;
        _error = error;
        _environment = environment;
        _root = new RootCommand("liberty: run a Liberty Cluster node and manage it.")
        {
            _node, _token, _json, _data,
            BuildRun(), BuildApp(), BuildTask(), BuildDevice(), BuildNode(), BuildActor(), BuildLog(), BuildCluster(), BuildShell(),
        };
    }

    /// <summary>Runs one command line (or the shell when <paramref name="args"/> is empty).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="input">Where the shell reads lines.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where one-line failure reasons go.</param>
    /// <param name="cancellationToken">Stops a long command (run, logs --follow, the shell).</param>
    /// <param name="environment">Reads environment variables (LIBERTY_NODE, LIBERTY_TOKEN); null for the process's.</param>
    /// <returns>The exit code (<see cref="CliExitCodes"/>, or <see cref="LibertyNode"/>'s for run).</returns>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var app = new CliApp(input, output, error, environment ?? Environment.GetEnvironmentVariable);
        return args.Length == 0 ? app.ShellAsync([], cancellationToken) : app.InvokeAsync(args, cancellationToken);
    }

    private async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parse = _root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await _error.WriteLineAsync("liberty: " + problem.Message).ConfigureAwait(false);
            }
            if (parse.UnmatchedTokens.Count > 0 && Suggest(parse, parse.UnmatchedTokens[0]) is { } suggestion)
            {
                await _error.WriteLineAsync($"liberty: did you mean '{suggestion}' instead of '{parse.UnmatchedTokens[0]}'?").ConfigureAwait(false);
            }
            await _error.WriteLineAsync("liberty: see 'liberty --help' (or '<command> --help').").ConfigureAwait(false);
            return CliExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }

    // The nearest option of the command ("--htp" → "--http") or subcommand ("nod" → "node") to a token it did not know.
    private string? Suggest(ParseResult parse, string token)
    {
        var command = parse.CommandResult.Command;
        IEnumerable<string> names = token.StartsWith('-')
            ? command.Options.Concat(_root.Options.Where(static o => o.Recursive)).SelectMany(static o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.SelectMany(static c => c.Aliases.Prepend(c.Name));
        return Spelling.Nearest(token, names);
    }

    private Command BuildRun()
    {
        var http = new Option<string?>("--http") { Description = "HOST:PORT of the management API (default 127.0.0.1:9110)." };
        var name = new Option<string?>("--name") { Description = "The node's name (default node1)." };
        var config = new Option<string?>("--config") { Description = "A JSON configuration file (see cluster-config/node.example.json)." };
        var safe = new Option<bool>("--safe") { Description = "Start with every task held: tasks that were Running are Disabled, not started ('task resume' starts one)." };
        var seed = new Option<string[]>("--seed") { Description = "Join a cluster: its seed nodes' cluster addresses, host:port (repeat, or comma-separated); list this node too to let it start the cluster.", AllowMultipleArgumentsPerToken = false };
        var clusterHost = new Option<string?>("--cluster-host") { Description = "The address the cluster port binds (default 127.0.0.1)." };
        var clusterPort = new Option<int?>("--cluster-port") { Description = "The cluster port (default 4053)." };
        var role = new Option<string[]>("--role") { Description = "A role of this node in the cluster (repeat, or comma-separated)." };
        var command = new Command("run", "Start a node in the foreground (Ctrl-C or SIGTERM stops it; in a cluster it leaves gracefully first).") { http, name, config, safe, seed, clusterHost, clusterPort, role };
        command.SetAction((parse, ct) =>
        {
            if (_inShell)
            {
                _error.WriteLine("liberty: run is not available inside the shell.");
                return Task.FromResult(CliExitCodes.Usage);
            }
            var flags = new NodeConfiguration.Flags(parse.GetValue(config), parse.GetValue(_data), parse.GetValue(http), parse.GetValue(name), parse.GetValue(safe),
                parse.GetValue(seed) is { Length: > 0 } seeds ? seeds : null, parse.GetValue(clusterHost),
                parse.GetValue(clusterPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture), parse.GetValue(role) is { Length: > 0 } roles ? roles : null);
            return RunCommand.RunAsync(flags, _output, _error, consoleLog: true, ct);
        });
        return command;
    }

    private Command BuildShell()
    {
        var command = new Command("shell", "Read commands from a prompt (the same commands without 'liberty'); 'exit' leaves.");
        command.SetAction((parse, ct) =>
        {
            if (_inShell)
            {
                _error.WriteLine("liberty: already in the shell.");
                return Task.FromResult(CliExitCodes.Usage);
            }
            var prefix = new List<string>();
            AddIfSet(prefix, "--node", parse.GetValue(_node));
            AddIfSet(prefix, "--token", parse.GetValue(_token));
            AddIfSet(prefix, "--data", parse.GetValue(_data));
            if (parse.GetValue(_json))
            {
                prefix.Add("--json");
            }
            return ShellAsync(prefix, ct);
        });
        return command;
    }

    private async Task<int> ShellAsync(IReadOnlyList<string> prefix, CancellationToken cancellationToken)
    {
        _inShell = true;
        var last = CliExitCodes.Success;
        await _output.WriteLineAsync("liberty shell: the same commands as 'liberty <palette> <command>'; 'help' lists them, 'exit' leaves.").ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            await _output.WriteAsync("liberty> ").ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await _input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "exit" or "quit")
            {
                break;
            }
            if (!ShellWords.TrySplit(line, out var words, out var splitError))
            {
                await _error.WriteLineAsync("liberty: " + splitError).ConfigureAwait(false);
                last = CliExitCodes.Usage;
                continue;
            }
            if (words.Count == 0)
            {
                continue;
            }
            if (words is ["help"])
            {
                words = ["--help"];
            }
            last = await InvokeAsync([.. prefix, .. words], cancellationToken).ConfigureAwait(false);
        }
        _inShell = false;
        // Each failure was reported on its line; leaving the shell is a success, like an interactive shell's exit.
        _ = last;
        return CliExitCodes.Success;
    }

    private static void AddIfSet(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.Add(name);
            args.Add(value);
        }
    }

    /// <summary>Wires a client command: builds the session, runs the action, turns failures into a line and an exit code.</summary>
    private void Client(Command command, Func<ParseResult, Session, CancellationToken, Task> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var session = OpenSession(parse);
                await action(parse, session, ct).ConfigureAwait(false);
                return CliExitCodes.Success;
            }
            catch (CliFailure failure)
            {
                await _error.WriteLineAsync("liberty: " + failure.Message).ConfigureAwait(false);
                return failure.ExitCode;
            }
        });

    private Session OpenSession(ParseResult parse)
    {
        var nodeText = parse.GetValue(_node) ?? _environment("LIBERTY_NODE") ?? DefaultNode;
        if (!Uri.TryCreate(nodeText.Contains("://", StringComparison.Ordinal) ? nodeText : "http://" + nodeText, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliFailure(CliExitCodes.Usage, $"--node: '{nodeText}' is not an http(s) address (e.g. {DefaultNode}).");
        }
        var token = parse.GetValue(_token) ?? _environment("LIBERTY_TOKEN") ?? AdminToken.TryRead(parse.GetValue(_data) ?? NodeOptions.DefaultDataFolder);
        return new Session(new NodeClient(uri, token), parse.GetValue(_json), _output);
    }

    /// <summary>One client command's connection and output mode.</summary>
    private sealed class Session(NodeClient client, bool json, TextWriter output) : IDisposable
    {
        public NodeClient Client { get; } = client;

        public bool Json { get; } = json;

        public TextWriter Output { get; } = output;

        public Task<NodeAnswer<T>> GetAsync<T>(string path, CancellationToken ct) => Client.SendAsync<T>(HttpMethod.Get, path, null, ct);

        public Task<NodeAnswer<T>> PostAsync<T>(string path, object? body, CancellationToken ct) => Client.SendAsync<T>(HttpMethod.Post, path, body ?? new { }, ct);

        public Task<NodeAnswer<T>> DeleteAsync<T>(string path, CancellationToken ct) => Client.SendAsync<T>(HttpMethod.Delete, path, null, ct);

        /// <summary>Prints the node's JSON answer when --json, else calls <paramref name="forPeople"/> with the answer's record.</summary>
        public void Print<T>(NodeAnswer<T> answer, Action<T> forPeople)
        {
            if (Json)
            {
                Output.WriteLine(JsonSerializer.Serialize(answer.Json, Indented));
            }
            else
            {
                forPeople(answer.Read());
            }
        }

        public void Dispose() => Client.Dispose();
    }
}
