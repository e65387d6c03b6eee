using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// This node's side of the other nodes' devices, one per node at <c>/user/</c><see cref="Name"/>: it mirrors the fleet
/// directory into the local <see cref="DeviceDirectory"/> (remote entries), watches a remote device at its owner while
/// local tasks subscribe to it, delivers the owner's events to the local bus, carries commands and queries to owners
/// (<see cref="RemoteDeviceRef"/>), and turns membership changes into truthful liveness.
/// </summary>
/// <remarks>
/// <para><b>Liveness:</b> a remote device is ok when its node is available (Up, WeaklyUp or Leaving, and reachable)
/// and its owner says so (the record, or — while watched — the owner's snapshot and events). When its node becomes
/// unreachable or is downed, each watched device whose subscribers were told ok gets the ok=false events a local device
/// emits when it stops answering, once; when the node is back (reachable again or a new incarnation), watched devices
/// are fetched afresh and an ok=true announcement follows when the fetched state is ok. A graceful leave (Leaving,
/// Exiting, Removed after them) only shows the devices not ok, with no events.</para>
/// <para><b>Requests:</b> see <see cref="RemoteRequestId"/>: each one has an id, is re-sent every
/// <see cref="ClusterDeviceOptions.ResendInterval"/> until answered (the owner executes it once), and fails back at once
/// when the owner's node is not available, or becomes unavailable, or after <see cref="ClusterDeviceOptions.CommandTimeout"/>.</para>
/// </remarks>
internal sealed partial class RemoteDevices : ReceiveActor, IWithTimers
{
    /// <summary>The actor's name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "liberty-remote-devices";

    private const string ResendTimer = "resend";

    private readonly string _node;
    private readonly DeviceDirectory _directory;
    private readonly DeviceEventBus _bus;
    private readonly ClusterDeviceOptions _options;
    private readonly ClusterDeviceCounters _counters;
    private readonly ILogger _logger;
    private readonly Akka.Cluster.Cluster _cluster;
    private readonly Dictionary<long, RemoteDeviceView> _views = [];
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly HashSet<long> _interest = [];

    /// <summary>Creates the actor (use <see cref="Props"/>).</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="directory">The node's directory (remote entries are kept here).</param>
    /// <param name="bus">The node's bus (remote events are delivered here, locally only).</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="counters">Counters shared with the handle.</param>
    /// <param name="logger">Where it logs.</param>
    public RemoteDevices(string node, DeviceDirectory directory, DeviceEventBus bus, ClusterDeviceOptions options, ClusterDeviceCounters counters, ILogger logger)
    {
        _node = node;
        _directory = directory;
        _bus = bus;
        _options = options;
        _counters = counters;
        _logger = logger;
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
        _incarnation = _cluster.SelfUniqueAddress.Uid;

        Receive<Changed>(c => Sync(c.Get(DeviceGateway.DirectoryKey)));
        Receive<ClusterEvent.IMemberEvent>(OnMemberEvent);
        Receive<ClusterEvent.UnreachableMember>(m => OnReachability(m.Member, reachable: false));
        Receive<ClusterEvent.ReachableMember>(m => OnReachability(m.Member, reachable: true));
        Receive<LocalInterestChanged>(OnInterest);
        Receive<RemoteDeviceEvent>(OnRemoteEvent);
        Receive<DeviceSnapshot>(OnPrime);
        Receive<RemoteDeviceUnknown>(m =>
        {
            if (_views.TryGetValue(m.DeviceId, out var view))
            {
                // The owner has no such device (its record is on its way out): stop asking.
                view.Primed = true;
            }
        });
        Receive<RemoteDeviceMessage>(OnDeviceMessage);
        Receive<RemoteDeviceReply>(OnReply);
        Receive<RequestTimedOut>(OnRequestTimedOut);
        Receive<Resend>(_ => ResendAll());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe.</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="directory">The node's directory.</param>
    /// <param name="bus">The node's bus.</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="counters">Counters shared with the handle.</param>
    /// <param name="logger">Where it logs.</param>
    /// <returns>Props.</returns>
    public static Props Props(string node, DeviceDirectory directory, DeviceEventBus bus, ClusterDeviceOptions options, ClusterDeviceCounters counters, ILogger logger) =>
        Akka.Actor.Props.Create(() => new RemoteDevices(node, directory, bus, options, counters, logger));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        DistributedData.Get(Context.System).Replicator.Tell(Dsl.Subscribe(DeviceGateway.DirectoryKey, Self));
        Timers.StartPeriodicTimer(ResendTimer, Resend.Instance, _options.ResendInterval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        foreach (var pending in _pending.Values)
        {
            Answer(pending, CommandResult.Fail(CommandStatus.Unreachable, "The cluster layer of this node stopped before the owner answered."));
        }
        _pending.Clear();
        foreach (var view in _views.Values)
        {
            _directory.RemoveRemote(view.Entry);
        }
        _views.Clear();
    }

    /// <summary>Mirrors the fleet directory: adds, updates and removes remote entries.</summary>
    private void Sync(LWWDictionary<string, DeviceRecord> map)
    {
        var seen = new HashSet<long>();
        foreach (var (name, record) in map.Entries)
        {
            if (record.Node == _node)
            {
                continue;
            }
            if (_views.TryGetValue(record.Id, out var view))
            {
                if (view.Record.Name != name)
                {
                    // Two devices of other nodes with one numeric id: the first one seen keeps it.
                    Refuse(name, record.Node, $"its numeric id {record.Id} is {view.Record.Name}'s");
                    continue;
                }
                seen.Add(record.Id);
                if (view.Record.Equals(record))
                {
                    continue;
                }
                var described = view.Record.ToInfo().Equals(record.ToInfo()) && view.Record.Virtual == record.Virtual;
                view.Record = record;
                if (!described)
                {
                    var entry = NewEntry(record);
                    if (!_directory.TryAddRemote(entry))
                    {
                        _directory.RemoveRemote(view.Entry);
                        _views.Remove(record.Id);
                        Refuse(name, record.Node, "a device of this node has its name or numeric id");
                        continue;
                    }
                    view.Entry = entry;
                }
                Settle(view, announce: false);
                continue;
            }
            var added = NewEntry(record);
            if (!_directory.TryAddRemote(added))
            {
                Refuse(name, record.Node, "a device of this node has its name or numeric id");
                continue;
            }
            _refused.Remove(name);
            seen.Add(record.Id);
            view = new RemoteDeviceView(record, added) { Stale = !Available(record.Node) };
            _views[record.Id] = view;
            if (_interest.Contains(record.Id))
            {
                StartWatching(view);
            }
            Settle(view, announce: false);
        }
        foreach (var gone in _views.Values.Where(v => !seen.Contains(v.Record.Id)).ToList())
        {
            // Removed by its owner: it leaves the directory; subscribers keep their subscription should it return.
            _views.Remove(gone.Record.Id);
            _directory.RemoveRemote(gone.Entry);
        }
    }

    private DeviceEntry NewEntry(DeviceRecord record) =>
        new(record.ToInfo(), record.Virtual, isRemote: true) { Actor = new RemoteDeviceRef(record.Id, Self, ((ExtendedActorSystem)Context.System).Provider) };

    private void Refuse(string name, string node, string reason)
    {
        if (_refused.Add(name))
        {
            ClusterDevicesLog.RecordRefused(_logger, name, node, reason);
        }
    }

    private void OnInterest(LocalInterestChanged change)
    {
        if (change.HasLocalSubscribers)
        {
            if (_interest.Add(change.DeviceId) && _views.TryGetValue(change.DeviceId, out var view))
            {
                StartWatching(view);
                Settle(view, announce: false);
            }
        }
        else if (_interest.Remove(change.DeviceId) && _views.TryGetValue(change.DeviceId, out var view))
        {
            view.Interested = false;
            view.Invalidate(keepValues: false);
            if (Available(view.Record.Node))
            {
                Gateway(view.Record.Node).Tell(new UnwatchRemoteDevice(view.Record.Id));
            }
            Settle(view, announce: false);
        }
    }

    /// <summary>Local interest starts: subscribers know what the directory showed; the owner is asked for a fresh snapshot.</summary>
    private void StartWatching(RemoteDeviceView view)
    {
        view.Interested = true;
        view.Invalidate(keepValues: false);
        view.ToldOk = Available(view.Record.Node) && view.DeviceOk;
        SendWatch(view);
    }

    private void SendWatch(RemoteDeviceView view)
    {
        if (Available(view.Record.Node))
        {
            Gateway(view.Record.Node).Tell(new WatchRemoteDevice(view.Record.Id));
        }
    }

    private void OnRemoteEvent(RemoteDeviceEvent remote)
    {
        _counters.CountReceived();
        if (!_views.TryGetValue(remote.Event.Id, out var view) || !view.Interested || !Available(view.Record.Node))
        {
            // Nobody here watches it any more, or its node is considered gone (its loss was announced): not delivered.
            _counters.CountIgnored();
            return;
        }
        view.Apply(remote);
        _bus.DeliverLocally(remote.Event);
        view.ToldOk = remote.Event.Ok;
        Settle(view, announce: true);
    }

    private void OnPrime(DeviceSnapshot snapshot)
    {
        if (!_views.TryGetValue(snapshot.Info.Id.Value, out var view) || !view.Interested || !Available(view.Record.Node))
        {
            return;
        }
        view.Prime(snapshot);
        Settle(view, announce: true);
    }

    /// <summary>
    /// Publishes the view's snapshot to its entry and, when <paramref name="announce"/> and the liveness watched subscribers
    /// were told differs, tells them (events shaped as a local device's liveness change).
    /// </summary>
    private void Settle(RemoteDeviceView view, bool announce)
    {
        var ok = Available(view.Record.Node) && view.DeviceOk;
        view.Entry.Snapshot = view.ToSnapshot(ok);
        if (!view.Interested || !announce || ok == view.ToldOk)
        {
            return;
        }
        view.ToldOk = ok;
        foreach (var e in view.LivenessEvents(ok))
        {
            _bus.DeliverLocally(e);
        }
        _counters.CountAnnounced(ok);
    }

    private ActorSelection Gateway(string node) =>
        Context.ActorSelection(new RootActorPath(_members[node].Address.Address) / "user" / DeviceGateway.Name);

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();
    }
}
