using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// The owner's side of devices across the cluster, one per node at <c>/user/</c><see cref="Name"/>: it writes this node's
/// devices into the fleet directory, keeps who watches which local device (<see cref="RemoteSubscribers"/>), and runs
/// the commands, writes and queries other nodes send to local devices — each command id at most once.
/// </summary>
/// <remarks>
/// <para><b>Fleet directory:</b> one record per local device (<see cref="DeviceRecord"/>) in a delta-replicated
/// <c>LWWDictionary</c>, written with <c>WriteLocal</c> when a device is added, when its liveness changes and, for
/// last-heard times that moved, every <see cref="ClusterDeviceOptions.LastHeardInterval"/>; removed with the device.
/// Records of this node that no local device matches (left by a previous incarnation) are removed when seen.</para>
/// <para><b>At most once:</b> command and write ids are remembered with their outcome (the last
/// <see cref="ClusterDeviceOptions.RememberedCommands"/> completed ones, and every one still running). A repeat gets the
/// first outcome, when it is known, and is never executed again.</para>
/// </remarks>
internal sealed class DeviceGateway : ReceiveActor, IWithTimers
{
    /// <summary>The gateway's actor name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "liberty-device-gateway";

    /// <summary>The fleet directory's key in distributed data.</summary>
    public static readonly LWWDictionaryKey<string, DeviceRecord> DirectoryKey = new("liberty-devices");

    private const string HeardTimer = "heard";

    private readonly string _node;
    private readonly DeviceDirectory _directory;
    private readonly RemoteSubscribers _subscribers;
    private readonly ClusterDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly IActorRef _replicator;
    private readonly UniqueAddress _self;
    private readonly Dictionary<string, DeviceRecord> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<RemoteRequestId, Outcome> _commands = [];
    private readonly Queue<RemoteRequestId> _completed = new();

    /// <summary>Creates the gateway (use <see cref="Props"/>).</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="directory">The node's directory (its local entries are published).</param>
    /// <param name="subscribers">Who watches which local device (read by the uplink).</param>
    /// <param name="options">Timeouts and bounds.</param>
    /// <param name="logger">Where it logs.</param>
    public DeviceGateway(string node, DeviceDirectory directory, RemoteSubscribers subscribers, ClusterDeviceOptions options, ILogger logger)
    {
        _node = node;
        _directory = directory;
        _subscribers = subscribers;
        _options = options;
        _logger = logger;
        _replicator = DistributedData.Get(Context.System).Replicator;
        _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;

        Receive<LocalDeviceChanged>(OnLocalChange);
        Receive<Changed>(c => RemoveStaleRecords(c.Get(DirectoryKey)));
        Receive<IUpdateResponse>(r =>
        {
            if (!r.IsSuccessful)
            {
                ClusterDevicesLog.DirectoryWriteFailed(_logger, (r as IUpdateFailure)?.Cause?.Message ?? r.GetType().Name);
            }
        });
        Receive<RefreshHeard>(_ => RefreshLastHeard());
        Receive<WatchRemoteDevice>(OnWatch);
        Receive<UnwatchRemoteDevice>(m =>
        {
            if (_subscribers.Remove(m.DeviceId, Sender) && !_subscribers.Watches(Sender))
            {
                Context.Unwatch(Sender);
            }
        });
        Receive<Terminated>(t => _subscribers.RemoveAll(t.ActorRef));
        Receive<RemoteDeviceRequest>(OnRequest);
        Receive<Executed>(OnExecuted);
        Receive<Answered>(m => m.ReplyTo.Tell(new RemoteDeviceReply(m.Id, m.DeviceId, null, m.Snapshot)));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe.</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="directory">The node's directory.</param>
    /// <param name="subscribers">Who watches which local device.</param>
    /// <param name="options">Timeouts and bounds.</param>
    /// <param name="logger">Where it logs.</param>
    /// <returns>Props.</returns>
    public static Props Props(string node, DeviceDirectory directory, RemoteSubscribers subscribers, ClusterDeviceOptions options, ILogger logger) =>
        Akka.Actor.Props.Create(() => new DeviceGateway(node, directory, subscribers, options, logger));

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var entry in _directory.Local)
        {
            Write(entry);
        }
        _replicator.Tell(Dsl.Subscribe(DirectoryKey, Self));
        Timers.StartPeriodicTimer(HeardTimer, RefreshHeard.Instance, _options.LastHeardInterval);
    }

    private void OnLocalChange(LocalDeviceChanged change)
    {
        var name = change.Entry.Info.Id.Name;
        if (_directory.TryFind(name, out var current) && !current.IsRemote)
        {
            // Added or changed, or removed and already added again: the directory's entry is the truth.
            Write(current);
        }
        else if (_written.Remove(name))
        {
            var self = _self;
            _replicator.Tell(Dsl.Update(DirectoryKey, LWWDictionary<string, DeviceRecord>.Empty, Dsl.WriteLocal, map => map.Remove(self, name)));
        }
    }

    private void Write(DeviceEntry entry)
    {
        var record = DeviceRecord.From(entry);
        if (_written.TryGetValue(record.Name, out var last) && last.Equals(record))
        {
            return;
        }
        _written[record.Name] = record;
        var self = _self;
        _replicator.Tell(Dsl.Update(DirectoryKey, LWWDictionary<string, DeviceRecord>.Empty, Dsl.WriteLocal, map => map.SetItem(self, record.Name, record)));
    }

    private void RefreshLastHeard()
    {
        foreach (var entry in _directory.Local)
        {
            if (_written.TryGetValue(entry.Info.Id.Name, out var last) && last.LastHeard != entry.Snapshot.LastHeard)
            {
                Write(entry);
            }
        }
    }

    private void RemoveStaleRecords(LWWDictionary<string, DeviceRecord> map)
    {
        var self = _self;
        foreach (var (name, record) in map.Entries)
        {
            if (record.Node == _node && !_written.ContainsKey(name) && !(_directory.TryFind(name, out var entry) && !entry.IsRemote))
            {
                _replicator.Tell(Dsl.Update(DirectoryKey, LWWDictionary<string, DeviceRecord>.Empty, Dsl.WriteLocal, m => m.Remove(self, name)));
            }
        }
    }

    private void OnWatch(WatchRemoteDevice watch)
    {
        if (!_directory.TryGet(watch.DeviceId, out var entry) || entry.IsRemote)
        {
            Sender.Tell(new RemoteDeviceUnknown(watch.DeviceId));
            return;
        }
        _subscribers.Add(watch.DeviceId, Sender);
        Context.Watch(Sender);
        // The device answers after every event it published before: the watcher's snapshot then the events after it.
        entry.Actor.Tell(GetDeviceSnapshot.Instance, Sender);
    }

    private void OnRequest(RemoteDeviceRequest request)
    {
        var sender = Sender;
        if (request.Kind is RemoteRequestKind.Query or RemoteRequestKind.Snapshot)
        {
            Query(request, sender);
            return;
        }
        if (request.Target != 0 && request.Target != _self.Uid)
        {
            sender.Tell(new RemoteDeviceReply(request.Id, request.DeviceId,
                CommandResult.Fail(CommandStatus.Unreachable, $"Node {_node} restarted after the request was sent; it was not executed by this run (it may have run before the restart)."), null));
            return;
        }
        if (_commands.TryGetValue(request.Id, out var known))
        {
            ClusterDevicesLog.RepeatedCommand(_logger, request.Id.Node, request.Id.Sequence, request.DeviceId);
            if (known.Result is { } result)
            {
                sender.Tell(new RemoteDeviceReply(request.Id, request.DeviceId, result, null));
            }
            else if (!known.Waiting.Contains(sender))
            {
                known.Waiting.Add(sender);
            }
            return;
        }
        var outcome = new Outcome(request.DeviceId);
        outcome.Waiting.Add(sender);
        _commands[request.Id] = outcome;
        if (!_directory.TryGet(request.DeviceId, out var entry) || entry.IsRemote)
        {
            Self.Tell(new Executed(request.Id, CommandResult.Fail(CommandStatus.Unreachable, $"Node {_node} has no device {request.DeviceId}.")));
            return;
        }
        object message = request.Kind == RemoteRequestKind.Command && request.Command is { } command ? new SendDeviceCommand(command, ReplyWithResult: true)
            : request.Write is { } write ? new WriteDeviceAttributes(write, ReplyWithResult: true)
            : null!;
        if (message is null)
        {
            Self.Tell(new Executed(request.Id, CommandResult.Fail(CommandStatus.InvalidArgument, "The request carries no command or write.")));
            return;
        }
        var id = request.Id;
        var name = entry.Info.Id.Name;
        var timeout = _options.CommandTimeout;
        entry.Actor.Ask<DeviceCommandResult>(message, timeout).PipeTo(Self,
            success: r => new Executed(id, r.Result),
            failure: _ => new Executed(id, CommandResult.Fail(CommandStatus.Timeout, $"Device {name} did not answer within {timeout.TotalSeconds:0.#} s.")));
    }

    private void Query(RemoteDeviceRequest request, IActorRef sender)
    {
        if (!_directory.TryGet(request.DeviceId, out var entry) || entry.IsRemote)
        {
            sender.Tell(new RemoteDeviceReply(request.Id, request.DeviceId, CommandResult.Fail(CommandStatus.Unreachable, $"Node {_node} has no device {request.DeviceId}."), null));
            return;
        }
        object message = request.Kind == RemoteRequestKind.Query ? QueryDevice.Instance : GetDeviceSnapshot.Instance;
        var id = request.Id;
        var deviceId = request.DeviceId;
        var cached = entry.Snapshot;
        entry.Actor.Ask<DeviceSnapshot>(message, _options.CommandTimeout).PipeTo(Self,
            success: s => new Answered(id, deviceId, sender, s),
            failure: _ => new Answered(id, deviceId, sender, cached));
    }

    private void OnExecuted(Executed executed)
    {
        if (!_commands.TryGetValue(executed.Id, out var outcome) || outcome.Result is not null)
        {
            return;
        }
        outcome.Result = executed.Result;
        foreach (var waiting in outcome.Waiting)
        {
            waiting.Tell(new RemoteDeviceReply(executed.Id, outcome.DeviceId, executed.Result, null));
        }
        outcome.Waiting.Clear();
        _completed.Enqueue(executed.Id);
        while (_completed.Count > _options.RememberedCommands)
        {
            _commands.Remove(_completed.Dequeue());
        }
    }

    private sealed class Outcome(long deviceId)
    {
        public long DeviceId { get; } = deviceId;

        public CommandResult? Result { get; set; }

        public List<IActorRef> Waiting { get; } = [];
    }

    private sealed record Executed(RemoteRequestId Id, CommandResult Result);

    private sealed record Answered(RemoteRequestId Id, long DeviceId, IActorRef ReplyTo, DeviceSnapshot Snapshot);

    private sealed record RefreshHeard
    {
        public static RefreshHeard Instance { get; } = new();
    }
}
