using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Devices.Actions;

/// <summary>
/// The node's stored actions (app-api section 7, <c>Libre_ActionTrigger</c>): built once from
/// <see cref="Drivers.DevicesOptions.Actions"/>, looked up by id or name, triggered by sending each command to its device.
/// </summary>
/// <remarks>
/// <b>Thread:</b> immutable after construction; any thread may look up and trigger.
/// <b>Cancellation:</b> not applicable (triggering only posts messages).
/// <b>Ordering:</b> commands are posted in declaration order; each device actor runs its own commands in that order, but
/// commands to different devices may complete in any order.
/// </remarks>
public sealed class DeviceActions
{
    private readonly string _node;
    private readonly Dictionary<long, StoredAction> _byId;
    private readonly Dictionary<string, StoredAction> _byName;

    private DeviceActions(string node, List<StoredAction> actions)
    {
        _node = node;
        _byId = actions.ToDictionary(static a => a.Id);
        _byName = actions.ToDictionary(static a => a.Name, StringComparer.Ordinal);
        All = actions;
    }

    /// <summary>No actions.</summary>
    public static DeviceActions Empty { get; } = new("-", []);

    /// <summary>Every action, in declaration order.</summary>
    public IReadOnlyList<StoredAction> All { get; }

    /// <summary>Checks declarations; each problem names its configuration path (<c>Devices:Actions:0:Commands:1:Cluster: ...</c>).</summary>
    /// <param name="declarations">The declared actions.</param>
    /// <returns>One line per problem; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ActionDeclaration> declarations)
    {
        Parse(declarations, out var problems);
        return problems;
    }

    /// <summary>Builds the table from valid declarations.</summary>
    /// <param name="node">This node's name (local device names are resolved as <c>node/name</c>).</param>
    /// <param name="declarations">The declared actions.</param>
    /// <param name="actions">The table when every declaration is valid.</param>
    /// <param name="problems">The problems (see <see cref="Validate"/>); empty on success.</param>
    /// <returns>True when every declaration is valid.</returns>
    public static bool TryCreate(string node, IReadOnlyList<ActionDeclaration> declarations, [NotNullWhen(true)] out DeviceActions? actions, out IReadOnlyList<string> problems)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var parsed = Parse(declarations, out problems);
        actions = problems.Count == 0 ? new DeviceActions(node, parsed) : null;
        return actions is not null;
    }

    /// <summary>Finds an action by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="action">The action when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGet(long id, [NotNullWhen(true)] out StoredAction? action) => _byId.TryGetValue(id, out action);

    /// <summary>Finds an action by name or by its id in decimal (what an Action argument may say).</summary>
    /// <param name="idOrName">The name or id.</param>
    /// <param name="action">The action when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryFind(string idOrName, [NotNullWhen(true)] out StoredAction? action)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return _byName.TryGetValue(idOrName, out action)
            || (long.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _byId.TryGetValue(id, out action));
    }

    /// <summary>
    /// Runs an action: each command goes to its device actor (<see cref="SendDeviceCommand"/> with
    /// <c>ReplyWithResult: false</c>), so a failure reaches <paramref name="replyTo"/> as an <c>ok=false</c> command event.
    /// A device that does not exist gets the same <c>ok=false</c> event at once (its id is the hash of its name).
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="source">The source the commands carry (the app's <c>source</c> argument).</param>
    /// <param name="directory">Where devices are found.</param>
    /// <param name="replyTo">Who hears about failures (a task thread's actor, which queues the event itself), or null for nobody; told with plain <c>Tell</c>.</param>
    /// <returns>How many commands were sent, and which devices were missing.</returns>
    public ActionTriggerResult Trigger(StoredAction action, EventSource source, DeviceDirectory directory, IActorRef? replyTo)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(directory);
        var sent = 0;
        var missing = new List<string>();
        foreach (var step in action.Steps)
        {
            var command = new DeviceCommand(step.Cluster, step.Command, step.Arguments, source);
            if (directory.TryFind(step.Device, out var entry) || directory.TryFind(_node + "/" + step.Device, out entry))
            {
                entry.Actor.Tell(new SendDeviceCommand(command, ReplyWithResult: false), replyTo ?? ActorRefs.NoSender);
                sent++;
                continue;
            }
            missing.Add(step.Device);
            if (replyTo is not null)
            {
                var name = step.Device.Contains('/', StringComparison.Ordinal) ? step.Device : _node + "/" + step.Device;
                var id = long.TryParse(step.Device, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : DeviceId.ComputeNumericId(name);
                replyTo.Tell(DeviceEvent.ForCommand(id, step.Cluster, step.Command, step.Arguments, source, ok: false), ActorRefs.NoSender);
            }
        }
        return new ActionTriggerResult(sent, missing);
    }

    private static List<StoredAction> Parse(IReadOnlyList<ActionDeclaration> declarations, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var errors = new List<string>();
        var result = new List<StoredAction>();
        var ids = new Dictionary<long, int>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < declarations.Count; i++)
        {
            var at = $"Devices:Actions:{i}";
            var declaration = declarations[i];
            if (declaration is null)
            {
                errors.Add($"{at}: missing.");
                continue;
            }
            if (declaration.Id <= 0)
            {
                errors.Add($"{at}:Id: must be above 0 (was {declaration.Id}).");
            }
            else if (!ids.TryAdd(declaration.Id, i))
            {
                errors.Add($"{at}:Id: {declaration.Id} is also the id of Devices:Actions:{ids[declaration.Id]}.");
            }
            if (string.IsNullOrWhiteSpace(declaration.Name))
            {
                errors.Add($"{at}:Name: must not be empty.");
            }
            else if (!names.TryAdd(declaration.Name, i))
            {
                errors.Add($"{at}:Name: '{declaration.Name}' is also the name of Devices:Actions:{names[declaration.Name]}.");
            }
            if (declaration.Commands.Count == 0)
            {
                errors.Add($"{at}:Commands: an action needs at least one command.");
            }
            var steps = new List<ActionStep>();
            for (var j = 0; j < declaration.Commands.Count; j++)
            {
                var c = declaration.Commands[j];
                var cat = $"{at}:Commands:{j}";
                if (string.IsNullOrWhiteSpace(c.Device) || c.Device.Any(static ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
                {
                    errors.Add($"{cat}:Device: '{c.Device}' is not a device name (non-empty, no whitespace).");
                }
                var cluster = ParseId(c.Cluster, 0xFFFF, $"{cat}:Cluster", "cluster", errors);
                var command = ParseId(c.Command, 0xFF, $"{cat}:Command", "command", errors);
                steps.Add(new ActionStep(c.Device, cluster, command, [.. c.Arguments.Select(ParseArgument)]));
            }
            result.Add(new StoredAction(declaration.Id, declaration.Name, steps));
        }
        problems = errors;
        return result;
    }

    private static int ParseId(string text, int max, string at, string what, List<string> errors)
    {
        if (TryParseWhole(text, out var value) && value >= 0 && value <= max)
        {
            return (int)value;
        }
        errors.Add($"{at}: '{text}' is not a {what} id (decimal or 0x hex, 0..0x{max:X}).");
        return 0;
    }

    private static bool TryParseWhole(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static AttributeValue ParseArgument(string text)
    {
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }
        if (TryParseWhole(text, out var whole))
        {
            return whole;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return real;
        }
        return text;
    }
}
