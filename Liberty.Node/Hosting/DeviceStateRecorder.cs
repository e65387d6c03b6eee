using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Node.Hosting;

/// <summary>
/// Journals the devices' last-known attributes (<see cref="ITaskStore.SaveDeviceStateAsync"/>) from the device event
/// bus, coalesced per device: an event only marks its device changed; every <see cref="NodeOptions.DeviceStateSaveInterval"/>
/// (1 s by default) each changed device is written once, with its directory snapshot of that moment, and only when its
/// attributes differ from what was last written. So a device reporting 100 times a second costs one journal event per
/// interval, and at most the changes of the last interval are lost to a crash. <see cref="FlushNow"/> (asked by the
/// host at shutdown, before the journal closes) writes what is pending and waits for the writes.
/// </summary>
/// <remarks>
/// <b>Thread:</b> an actor; the store is called from its handlers. <b>Ordering:</b> writes of one device are queued in
/// the order of its changes. Devices created after start are subscribed at the next interval. A failed write is logged
/// (6007) and retried at the device's next change.
/// </remarks>
internal sealed class DeviceStateRecorder : ReceiveActor, IWithTimers
{
    private readonly DeviceEventBus _bus;
    private readonly ActorDeviceEventSink _sink;
    private readonly DeviceDirectory _directory;
    private readonly ITaskStore _store;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly HashSet<long> _subscribed = [];
    private readonly HashSet<long> _changed = [];
    private readonly Dictionary<string, IReadOnlyList<AttributeReading>> _written = new(StringComparer.Ordinal);
    private readonly List<Task> _writes = [];

    /// <summary>Creates the recorder (use <see cref="Props"/>).</summary>
    /// <param name="bus">The device event bus it listens to.</param>
    /// <param name="directory">Where it reads the devices' snapshots.</param>
    /// <param name="store">The journal.</param>
    /// <param name="interval">How often changed devices are written (at most once each).</param>
    /// <param name="restored">The snapshots read back at start (not written again until they change).</param>
    /// <param name="logger">Where failed writes are logged.</param>
    public DeviceStateRecorder(DeviceEventBus bus, DeviceDirectory directory, ITaskStore store, TimeSpan interval, IReadOnlyList<DeviceSnapshot> restored, ILogger logger)
    {
        _bus = bus;
        _sink = new ActorDeviceEventSink(Self);
        _directory = directory;
        _store = store;
        _interval = interval;
        _logger = logger;
        foreach (var snapshot in restored)
        {
            _written[snapshot.Info.Id.Name] = snapshot.Attributes;
        }
        Receive<DeviceEvent>(e => _changed.Add(e.Id));
        Receive<ForgetWritten>(m => _written.Remove(m.Name));
        Receive<Tick>(_ =>
        {
            SubscribeNewDevices();
            WriteChanged();
        });
        ReceiveAsync<FlushNow>(async _ =>
        {
            WriteChanged();
            var writes = _writes.ToArray();
            _writes.Clear();
            // Akka runs the rest of this handler in the actor's context: Sender stays valid (no ConfigureAwait(false)).
            await Task.WhenAll(writes).ConfigureAwait(true);
            Sender.Tell(FlushNow.Done);
        });
    }

    /// <summary>The actor's timers (set by the kernel).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe for the recorder.</summary>
    /// <param name="bus">The device event bus.</param>
    /// <param name="directory">The device directory.</param>
    /// <param name="store">The journal.</param>
    /// <param name="interval">The coalescing interval (positive).</param>
    /// <param name="restored">The snapshots read back at start.</param>
    /// <param name="logger">Where failed writes are logged.</param>
    /// <returns>Props.</returns>
    public static Props Props(DeviceEventBus bus, DeviceDirectory directory, ITaskStore store, TimeSpan interval, IReadOnlyList<DeviceSnapshot> restored, ILogger logger) =>
        Akka.Actor.Props.Create(() => new DeviceStateRecorder(bus, directory, store, interval, restored, logger));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        SubscribeNewDevices();
        Timers.StartPeriodicTimer("save", Tick.Instance, _interval);
    }

    /// <inheritdoc/>
    protected override void PostStop() => _bus.UnsubscribeAll(_sink);

    private void SubscribeNewDevices()
    {
        // Only this node's devices: other nodes save their own (and subscribing here would pull their events across).
        foreach (var entry in _directory.Local)
        {
            if (_subscribed.Add(entry.Info.Id.Value))
            {
                _bus.Subscribe(entry.Info.Id.Value, _sink);
            }
        }
    }

    private void WriteChanged()
    {
        _writes.RemoveAll(static w => w.IsCompleted);
        var self = Self;
        foreach (var id in _changed)
        {
            if (!_directory.TryGet(id, out var entry))
            {
                continue;
            }
            var snapshot = entry.Snapshot;
            var name = snapshot.Info.Id.Name;
            if (_written.TryGetValue(name, out var last) && Same(last, snapshot.Attributes))
            {
                continue;
            }
            _written[name] = snapshot.Attributes;
            _writes.Add(WriteAsync(snapshot, self));
        }
        _changed.Clear();
    }

    private async Task WriteAsync(DeviceSnapshot snapshot, IActorRef self)
    {
        try
        {
            await _store.SaveDeviceStateAsync(snapshot).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A journal failure must not stop the recorder; it is logged and the next change tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.DeviceStateNotSaved(_logger, snapshot.Info.Id.Name, e);
            self.Tell(new ForgetWritten(snapshot.Info.Id.Name));
        }
    }

    // The restored mark is not compared: a restored value is the value that was written.
    private static bool Same(IReadOnlyList<AttributeReading> a, IReadOnlyList<AttributeReading> b) =>
        // Zip with a selector: Akka.Persistence.Sql's dependencies bring a second tuple-returning Zip(IEnumerable) into scope.
        a.Count == b.Count && a.Zip(b, static (x, y) => x.Cluster == y.Cluster && x.Attribute == y.Attribute
            && x.Value.Equals(y.Value) && x.ReportedAt == y.ReportedAt).All(static same => same);

    /// <summary>Asks the recorder to write every pending change now; it answers <see cref="Done"/> once they are stored.</summary>
    internal sealed class FlushNow
    {
        /// <summary>The one request.</summary>
        public static readonly FlushNow Instance = new();

        /// <summary>The answer.</summary>
        public static readonly object Done = new();

        private FlushNow()
        {
        }
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record ForgetWritten(string Name);
}
