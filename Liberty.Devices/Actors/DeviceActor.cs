using Akka.Actor;
using Liberty.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Actors;

/// <summary>
/// Owns one device: its driver, its attribute cache and its liveness. Commands become driver calls;
/// what the driver reports becomes events published cluster-wide on the <see cref="DeviceEventBus"/>.
/// </summary>
/// <remarks>
/// <para><b>Time:</b> drivers never read a clock (see <see cref="IDeviceDriver"/>): after every call the
/// actor re-arms one keyed timer at the driver's <c>NextDue</c> and ticks it then, on the system's
/// clock (<see cref="LibertyActorSystem.Clock"/>), so transitions, polling and liveness checks run on virtual
/// time in specs.</para>
/// <para><b>Liveness:</b> the driver's verdict (<c>OnLivenessChanged</c>) and a command left unanswered
/// past <see cref="DeviceActorOptions.CommandTimeout"/> turn the device <c>ok=false</c>; each change is
/// announced to subscribers (one report per cluster) and to the <see cref="DeviceDirectory"/>.</para>
/// <para><b>Never blocks:</b> driver calls are short by contract; events go out through sinks
/// (<see cref="IDeviceEventSink"/>: the bus's subscribers and a virtual device's watcher), which never block.</para>
/// </remarks>
public sealed class DeviceActor : ReceiveActor, IWithTimers, IDeviceDriverSink
{
    private const string TickKey = "tick";

    private readonly IDeviceDriver _driver;
    private readonly DeviceEventBus _bus;
    private readonly DeviceEntry _entry;
    private readonly DeviceActorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly DeviceState _state;
    private readonly Dictionary<long, Pending> _pending = [];
    private long _nextCorrelation;
    private readonly IReadOnlyList<AttributeReading>? _lastKnown;
    private IDeviceEventSink? _watcher;
    private bool _watcherRefusing;

    /// <summary>Creates the actor (use <see cref="Props(IDeviceDriver, DeviceEventBus, DeviceEntry, DeviceActorOptions, ILogger)"/>).</summary>
    /// <param name="driver">The device's driver, not started.</param>
    /// <param name="bus">Where events go.</param>
    /// <param name="entry">The device's directory entry (its snapshot is kept current).</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="logger">Where liveness changes are logged.</param>
    /// <param name="lastKnown">Last-known attribute values to restore before the driver starts (<see cref="DeviceState.Restore"/>); null for none.</param>
    public DeviceActor(IDeviceDriver driver, DeviceEventBus bus, DeviceEntry entry, DeviceActorOptions options, ILogger logger, IReadOnlyList<AttributeReading>? lastKnown = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _driver = driver;
        _bus = bus;
        _entry = entry;
        _options = options;
        _logger = logger;
        _clock = LibertyActorSystem.Clock(Context.System);
        _state = new DeviceState(driver.Info);
        _lastKnown = lastKnown;

        Receive<SendDeviceCommand>(m => Run(m.Command.Cluster, m.Command.Command, m.Command.Arguments, m.Command.Source, m.ReplyWithResult,
            id => _driver.Execute(m.Command with { CorrelationId = id }, Now)));
        Receive<WriteDeviceAttributes>(m => Run(m.Write.Cluster, null, null, m.Write.Source, m.ReplyWithResult,
            id => _driver.WriteAttributes(m.Write with { CorrelationId = id }, Now)));
        Receive<QueryDevice>(_ =>
        {
            _driver.Refresh(Now);
            AfterDriverCall();
            Sender.Tell(_state.ToSnapshot());
        });
        Receive<GetDeviceSnapshot>(_ => Sender.Tell(_state.ToSnapshot()));
        Receive<Tick>(_ =>
        {
            _driver.Tick(Now);
            AfterDriverCall();
        });
        Receive<CommandTimedOut>(OnCommandTimedOut);
        Receive<DeliverToDriver>(m =>
        {
            if (_driver is IDeviceDriverInput input)
            {
                input.OnInput(m.Input, Now);
                AfterDriverCall();
            }
        });
        Receive<VirtualDeviceEmitCommand>(m => Virtual(v => v.OwnerCommand(m.Cluster, m.Command, m.Arguments, m.Source)));
        Receive<VirtualDeviceReport>(m => Virtual(v => v.OwnerReport(m.Cluster, m.Attributes, m.Source)));
        Receive<VirtualDeviceDown>(_ => Virtual(v =>
        {
            v.OwnerDeviceDown();
            return CommandResult.Success;
        }));
        Receive<SetVirtualDeviceWatcher>(m =>
        {
            _watcher = m.Watcher;
            _watcherRefusing = false;
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe for a device actor.</summary>
    /// <param name="driver">The device's driver, not started.</param>
    /// <param name="bus">Where events go.</param>
    /// <param name="entry">Its directory entry.</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="logger">Where it logs.</param>
    /// <returns>Props.</returns>
    public static Props Props(IDeviceDriver driver, DeviceEventBus bus, DeviceEntry entry, DeviceActorOptions options, ILogger logger) =>
        Akka.Actor.Props.Create(() => new DeviceActor(driver, bus, entry, options, logger, null));

    /// <summary>The recipe for a device actor that starts from last-known values.</summary>
    /// <param name="driver">The device's driver, not started.</param>
    /// <param name="bus">Where events go.</param>
    /// <param name="entry">Its directory entry.</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="lastKnown">Values to restore (<see cref="DeviceState.Restore"/>); null for none.</param>
    /// <returns>Props.</returns>
    public static Props Props(IDeviceDriver driver, DeviceEventBus bus, DeviceEntry entry, DeviceActorOptions options, ILogger logger, IReadOnlyList<AttributeReading>? lastKnown) =>
        Akka.Actor.Props.Create(() => new DeviceActor(driver, bus, entry, options, logger, lastKnown));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private long Id => _driver.Info.Id.Value;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_lastKnown is not null)
        {
            // Restored before the driver starts so its first reports replace them (and clear the Restored mark).
            _state.Restore(_lastKnown);
        }
        _driver.Start(this, Now);
        AfterDriverCall();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _driver.Shutdown();
        foreach (var pending in _pending.Values)
        {
            Reply(pending, CommandResult.Fail(CommandStatus.Unreachable, $"Device {_driver.Info.Id.Name} was removed."));
        }
        _pending.Clear();
    }

    private void Run(int cluster, int? command, IReadOnlyList<AttributeValue>? arguments, EventSource source, bool replyWithResult, Func<long, CommandResult> call)
    {
        var id = ++_nextCorrelation;
        var pending = new Pending(Sender, replyWithResult, cluster, command, arguments ?? [], source);
        var result = call(id);
        // The directory first: a caller that reads the device after the answer sees what the command did.
        AfterDriverCall();
        if (result.Status == CommandStatus.Pending)
        {
            _pending[id] = pending;
            Timers.StartSingleTimer(("command", id), new CommandTimedOut(id), _options.CommandTimeout);
        }
        else
        {
            Reply(pending, result);
        }
    }

    private void Virtual(Func<VirtualDeviceDriver, CommandResult> call)
    {
        var result = _driver is VirtualDeviceDriver v
            ? call(v)
            : CommandResult.Fail(CommandStatus.UnsupportedCommand, $"{_driver.Info.Id.Name} is not a virtual device.");
        AfterDriverCall();
        if (!Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(new DeviceCommandResult(Id, result));
        }
    }

    private void OnCommandTimedOut(CommandTimedOut timedOut)
    {
        if (!_pending.Remove(timedOut.CorrelationId, out var pending))
        {
            return;
        }
        Reply(pending, CommandResult.Fail(CommandStatus.Timeout, $"Device {_driver.Info.Id.Name} did not answer within {_options.CommandTimeout.TotalSeconds:0.#} s."));
        if (_state.Ok)
        {
            DeviceActorLog.StoppedAnswering(_logger, _driver.Info.Id.Name, _options.CommandTimeout.TotalSeconds);
            PublishAll(_state.SetOk(false, Now));
            // Readers of the directory see it too (no driver call follows that would refresh the snapshot).
            _entry.Snapshot = _state.ToSnapshot();
        }
    }

    private void Reply(Pending pending, CommandResult result)
    {
        if (pending.ReplyTo.Equals(Context.System.DeadLetters))
        {
            return;
        }
        if (pending.ReplyWithResult)
        {
            pending.ReplyTo.Tell(new DeviceCommandResult(Id, result));
        }
        else if (result.IsFailure)
        {
            var failed = pending.Command is { } command
                ? DeviceEvent.ForCommand(Id, pending.Cluster, command, pending.Arguments, pending.Source, ok: false)
                : DeviceEvent.ForReport(Id, pending.Cluster, new Dictionary<int, AttributeValue>(), null, pending.Source, ok: false);
            pending.ReplyTo.Tell(failed, Self);
        }
    }

    /// <summary>After every driver call: keep the tick timer at the driver's next due time and the directory current.</summary>
    private void AfterDriverCall()
    {
        if (_driver.NextDue is { } due)
        {
            var delay = due - Now;
            Timers.StartSingleTimer(TickKey, Tick.Instance, delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        }
        else
        {
            Timers.Cancel(TickKey);
        }
        _entry.Snapshot = _state.ToSnapshot();
    }

    private void PublishAll(IReadOnlyList<DeviceEvent> events)
    {
        foreach (var e in events)
        {
            _bus.Publish(e);
        }
    }

    void IDeviceDriverSink.OnEvent(DeviceEvent deviceEvent)
    {
        var now = Now;
        if (!_state.Ok && _driver.IsOk)
        {
            // Heard from again after a command timeout: announce recovery before the news.
            PublishAll(_state.SetOk(true, now));
        }
        _state.Apply(deviceEvent, now);
        _bus.Publish(deviceEvent);
    }

    void IDeviceDriverSink.OnOwnerEvent(DeviceEvent deviceEvent)
    {
        if (_watcher is not { } watcher)
        {
            return;
        }
        if (watcher.TryDeliver(deviceEvent))
        {
            _watcherRefusing = false;
        }
        else if (!_watcherRefusing)
        {
            // Logged once per run of refusals: the watcher's own queue counts each lost event.
            _watcherRefusing = true;
            DeviceActorLog.WatcherFull(_logger, _driver.Info.Id.Name);
        }
    }

    void IDeviceDriverSink.OnLivenessChanged(bool ok, string reason)
    {
        if (ok == _state.Ok)
        {
            return;
        }
        DeviceActorLog.LivenessChanged(_logger, _driver.Info.Id.Name, ok, reason);
        PublishAll(_state.SetOk(ok, Now));
    }

    void IDeviceDriverSink.OnCommandCompleted(long correlationId, CommandResult result)
    {
        if (_pending.Remove(correlationId, out var pending))
        {
            Timers.Cancel(("command", correlationId));
            Reply(pending, result);
        }
    }

    private sealed record Pending(IActorRef ReplyTo, bool ReplyWithResult, int Cluster, int? Command, IReadOnlyList<AttributeValue> Arguments, EventSource Source);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record CommandTimedOut(long CorrelationId);
}
