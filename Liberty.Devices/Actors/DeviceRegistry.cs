using Akka.Actor;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Actors;

/// <summary>
/// Creates, lists and removes the devices of this node: those declared in configuration at start, and
/// others at run time (including the virtual devices of tasks). Each device is a child
/// <see cref="DeviceActor"/>; the <see cref="DeviceDirectory"/> makes them findable from any thread.
/// </summary>
/// <remarks>
/// A device whose numeric id collides with an existing one's, or whose name is taken, is refused with a
/// message naming both. A bad declaration at start is logged with its configuration path and skipped
/// (<see cref="ValidateConfiguration"/> lets a host refuse to start instead). A device actor that throws
/// is stopped (see <see cref="SupervisorStrategy"/>) and, like any device actor that stops, leaves the
/// directory.
/// </remarks>
public sealed class DeviceRegistry : ReceiveActor
{
    private readonly string _node;
    private readonly DevicesOptions _options;
    private readonly DeviceActorOptions _actorOptions;
    private readonly DeviceEventBus _bus;
    private readonly DeviceDirectory _directory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly DeviceIdIndex _index = new();
    private readonly Dictionary<IActorRef, DeviceId> _byActor = [];
    private readonly Dictionary<string, IReadOnlyList<AttributeReading>> _lastKnown = new(StringComparer.Ordinal);

    /// <summary>Creates the registry (use <see cref="Props(string, DevicesOptions, DeviceActorOptions, DeviceEventBus, DeviceDirectory, ILoggerFactory)"/>).</summary>
    /// <param name="node">This node's name (the first part of every device id).</param>
    /// <param name="options">Declared devices and driver options.</param>
    /// <param name="actorOptions">Device actor timeouts.</param>
    /// <param name="bus">Where device events go.</param>
    /// <param name="directory">The directory to keep.</param>
    /// <param name="loggerFactory">Where devices log.</param>
    /// <param name="lastKnown">
    /// Saved snapshots (the journal's last-known attributes), matched to devices by full name when each device is created
    /// (declared at start or later); see <see cref="DeviceState.Restore"/>. Null for none.
    /// </param>
    public DeviceRegistry(string node, DevicesOptions options, DeviceActorOptions actorOptions, DeviceEventBus bus, DeviceDirectory directory, ILoggerFactory loggerFactory, IReadOnlyCollection<DeviceSnapshot>? lastKnown = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actorOptions);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _node = node;
        _options = options;
        _actorOptions = actorOptions;
        _bus = bus;
        _directory = directory;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DeviceRegistry>();
        foreach (var snapshot in lastKnown ?? [])
        {
            _lastKnown[snapshot.Info.Id.Name] = snapshot.Attributes;
        }

        Receive<CreateDevice>(m => Reply(TryCreateDeclared(m.Declaration, _options.Devices.Count, out var created, out var error) ? created : Failure(error)));
        Receive<AdoptDevice>(m => Reply(TryStart(m.Driver, isVirtual: false, null, out var created, out var error) ? created : Failure(error)));
        Receive<CreateVirtualDevice>(m => Reply(TryCreateVirtual(m, out var created, out var error) ? created : Failure(error)));
        Receive<RemoveDevice>(m => Sender.Tell(new DeviceRemoved(m.IdOrName, TryRemove(m.IdOrName))));
        Receive<ListDevices>(_ => Sender.Tell(new DeviceList([.. _directory.All.Select(static e => e.Snapshot)])));
        Receive<Terminated>(t =>
        {
            if (_byActor.Remove(t.ActorRef, out var id))
            {
                _index.Remove(id);
                _directory.Remove(id.Value);
            }
        });
    }

    /// <summary>The recipe for the registry.</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="options">Declared devices and driver options.</param>
    /// <param name="actorOptions">Device actor timeouts.</param>
    /// <param name="bus">Where device events go.</param>
    /// <param name="directory">The directory to keep.</param>
    /// <param name="loggerFactory">Where devices log.</param>
    /// <returns>Props.</returns>
    public static Props Props(string node, DevicesOptions options, DeviceActorOptions actorOptions, DeviceEventBus bus, DeviceDirectory directory, ILoggerFactory loggerFactory) =>
        Akka.Actor.Props.Create(() => new DeviceRegistry(node, options, actorOptions, bus, directory, loggerFactory, null));

    /// <summary>The recipe for a registry whose devices start from saved last-known values.</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="options">Declared devices and driver options.</param>
    /// <param name="actorOptions">Device actor timeouts.</param>
    /// <param name="bus">Where device events go.</param>
    /// <param name="directory">The directory to keep.</param>
    /// <param name="loggerFactory">Where devices log.</param>
    /// <param name="lastKnown">Saved snapshots, matched by device name (see the constructor).</param>
    /// <returns>Props.</returns>
    public static Props Props(string node, DevicesOptions options, DeviceActorOptions actorOptions, DeviceEventBus bus, DeviceDirectory directory, ILoggerFactory loggerFactory, IReadOnlyCollection<DeviceSnapshot> lastKnown) =>
        Akka.Actor.Props.Create(() => new DeviceRegistry(node, options, actorOptions, bus, directory, loggerFactory, lastKnown));

    /// <summary>Device actors that throw are stopped, not restarted (Akka logs the failure).</summary>
    /// <returns>One-for-one, always <see cref="Directive.Stop"/>.</returns>
    /// <remarks>
    /// A restart would build a new actor around the same driver object, which was started once with the old
    /// actor as its sink and refuses a second <see cref="IDeviceDriver.Start"/>; stopping says so directly.
    /// </remarks>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>
    /// Checks options and every declaration without creating anything: each problem is one line naming
    /// its configuration path (for a host that refuses to start on bad configuration).
    /// </summary>
    /// <param name="node">This node's name.</param>
    /// <param name="options">Declared devices and driver options.</param>
    /// <param name="actorOptions">Device actor timeouts.</param>
    /// <returns>Problems; empty when everything is valid.</returns>
    public static IReadOnlyList<string> ValidateConfiguration(string node, DevicesOptions options, DeviceActorOptions actorOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actorOptions);
        var problems = new List<string>([.. options.Validate(), .. actorOptions.Validate()]);
        if (problems.Count > 0)
        {
            return problems;
        }
        var index = new DeviceIdIndex();
        for (var i = 0; i < options.Devices.Count; i++)
        {
            if (!DeviceDriverFactory.TryCreate(node, options.Devices[i], i, options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, out var driver, out var error))
            {
                problems.Add(error);
            }
            else if (!index.TryAdd(driver.Info.Id, out var collision))
            {
                problems.Add($"Devices:Devices:{i}:Name: {collision}");
            }
        }
        return problems;
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var problem in _options.Validate().Concat(_actorOptions.Validate()))
        {
            DeviceActorLog.DeclarationRefused(_logger, problem);
        }
        for (var i = 0; i < _options.Devices.Count; i++)
        {
            if (!TryCreateDeclared(_options.Devices[i], i, out _, out var error))
            {
                DeviceActorLog.DeclarationRefused(_logger, error);
            }
        }
    }

    private bool TryCreateDeclared(DeviceDeclaration declaration, int index, out DeviceCreated created, out string error)
    {
        created = null!;
        if (!DeviceDriverFactory.TryCreate(_node, declaration, index, _options, _loggerFactory, out var driver, out var createError))
        {
            error = createError;
            return false;
        }
        return TryStart(driver, isVirtual: false, null, out created, out error);
    }

    private bool TryCreateVirtual(CreateVirtualDevice request, out DeviceCreated created, out string error)
    {
        created = null!;
        if (!DeviceId.TryParse(_node + "/" + request.Name, out var id, out var nameError))
        {
            error = $"Virtual device name '{request.Name}': {nameError}";
            return false;
        }
        if (!VirtualDeviceDriver.TryParseSpec(id, request.Spec, out var info, out var specError))
        {
            error = $"Virtual device {id.Name}: {specError}";
            return false;
        }
        return TryStart(new VirtualDeviceDriver(info), isVirtual: true, request.Watcher, out created, out error, request.OwnerTask);
    }

    private bool TryStart(IDeviceDriver driver, bool isVirtual, IDeviceEventSink? watcher, out DeviceCreated created, out string error, long? ownerTask = null)
    {
        created = null!;
        var id = driver.Info.Id;
        if (!_index.TryAdd(id, out var collision))
        {
            error = collision;
            return false;
        }
        var actorName = "dev-" + id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = new DeviceEntry(driver.Info, isVirtual) { OwnerTask = ownerTask };
        var lastKnown = _lastKnown.GetValueOrDefault(id.Name);
        var actor = Context.ActorOf(DeviceActor.Props(driver, _bus, entry, _actorOptions, _loggerFactory.CreateLogger("Liberty.Devices." + id.Name), lastKnown), actorName);
        entry.Actor = actor;
        _directory.TryAdd(entry);
        _byActor[actor] = id;
        Context.Watch(actor);
        if (watcher is not null)
        {
            actor.Tell(new SetVirtualDeviceWatcher(watcher), Self);
        }
        DeviceActorLog.Created(_logger, id.Name, id.Value, driver.Info.Driver);
        created = new DeviceCreated(driver.Info, actor);
        error = "";
        return true;
    }

    private bool TryRemove(string idOrName)
    {
        if (!_directory.TryFind(idOrName, out var entry) || entry.IsRemote)
        {
            // Another node's device is removed only by its own node.
            return false;
        }
        _byActor.Remove(entry.Actor);
        _index.Remove(entry.Info.Id);
        _directory.Remove(entry.Info.Id.Value);
        Context.Unwatch(entry.Actor);
        Context.Stop(entry.Actor);
        DeviceActorLog.Removed(_logger, entry.Info.Id.Name);
        return true;
    }

    private void Reply(object message) => Sender.Tell(message);

    private static Status.Failure Failure(string error) => new(new ArgumentException(error));
}
