using Liberty.Devices.Clusters;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers;

/// <summary>
/// A simulated device of one <see cref="SimulatedKind"/>, following the standard cluster behaviours, with a
/// configurable command latency and injectable faults (<see cref="InjectFaults"/>). Fully deterministic: all progress
/// is driven by <see cref="IDeviceDriver.Tick"/> and the drift comes from a seeded generator.
/// </summary>
internal sealed class SimulatedDeviceDriver : ClusterDeviceDriver
{
    private readonly SimulatedKind _kind;
    private readonly SimulatedDriverOptions _options;
    private readonly List<PendingCommand> _pending = [];
    private SimulatedFaults _faults;
    private TimeSpan _extraLatency;
    private DateTimeOffset _nextLivenessCheck;
    private DateTimeOffset? _nextSample;
    private ulong _random;

    public SimulatedDeviceDriver(DeviceId id, SimulatedKind kind, SimulatedDeviceParameters parameters, SimulatedDriverOptions options, ILogger logger, int? deviceType = null)
        : this(id, kind, Build(kind, parameters, options), parameters, options, logger, deviceType)
    {
    }

    private SimulatedDeviceDriver(DeviceId id, SimulatedKind kind, ClusterSet clusters, SimulatedDeviceParameters parameters, SimulatedDriverOptions options, ILogger logger, int? deviceType)
        : base(new DeviceInfo(id, deviceType ?? DefaultType(kind), kind == SimulatedKind.Switch ? [ClusterIds.OnOff, ClusterIds.Level] : [.. clusters.Clusters], "simulated/" + KindName(kind)), clusters, logger)
    {
        _kind = kind;
        _options = options;
        _random = (ulong)(parameters.Seed != 0 ? parameters.Seed : id.Value);
    }

    /// <summary>The faults in effect.</summary>
    public SimulatedFaults Faults => _faults;

    protected override DateTimeOffset? OwnNextDue
    {
        get
        {
            DateTimeOffset? due = _nextLivenessCheck;
            if (_nextSample is { } sample && sample < due)
            {
                due = sample;
            }
            foreach (var pending in _pending)
            {
                DateTimeOffset? next = pending.Completed
                    ? (Answering ? pending.AnswerAt : null)
                    : (Answering && pending.AnswerAt < pending.TimeoutAt ? pending.AnswerAt : pending.TimeoutAt);
                if (next is { } n && n < due)
                {
                    due = n;
                }
            }
            return due;
        }
    }

    private bool Answering => (_faults & SimulatedFaults.NotAnswering) == 0;

    /// <summary>The configuration name of a kind.</summary>
    public static string KindName(SimulatedKind kind) => kind switch
    {
        SimulatedKind.OnOffLight => "on-off-light",
        SimulatedKind.DimmableLight => "dimmable-light",
        SimulatedKind.Switch => "switch",
        SimulatedKind.TemperatureSensor => "temperature-sensor",
        SimulatedKind.Thermostat => "thermostat",
        _ => "multistate",
    };

    /// <summary>
    /// Sets the faults in effect (replacing the previous ones) and the extra latency <see cref="SimulatedFaults.Late"/>
    /// adds. Liveness follows at the next liveness check, as it would for a real device.
    /// </summary>
    public void InjectFaults(SimulatedFaults faults, TimeSpan extraLatency = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(extraLatency, TimeSpan.Zero);
        _faults = faults;
        _extraLatency = extraLatency;
        DeviceLog.FaultsInjected(Logger, Info.Id.Name, faults, extraLatency);
    }

    public override CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRunning();
        if (!Info.SupportsCluster(command.Cluster))
        {
            return ClusterSet.UnsupportedCluster(command.Cluster);
        }
        if (_kind == SimulatedKind.Switch)
        {
            return Press(command);
        }
        return Submit(command.CorrelationId, command, null, now);
    }

    public override CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureRunning();
        if (!Info.SupportsCluster(write.Cluster))
        {
            return ClusterSet.UnsupportedCluster(write.Cluster);
        }
        if (_kind == SimulatedKind.Switch)
        {
            return CommandResult.Fail(CommandStatus.ReadOnly, $"Device {Info.Id.Name} is a switch: it has no attributes to write.");
        }
        return Submit(write.CorrelationId, null, write, now);
    }

    protected override (bool Ok, string Reason) OnStart(DateTimeOffset now)
    {
        _nextLivenessCheck = now + _options.LivenessInterval;
        _nextSample = _kind is SimulatedKind.TemperatureSensor or SimulatedKind.Thermostat ? now + _options.SampleInterval : null;
        return (true, "simulated device started");
    }

    protected override void OnTick(DateTimeOffset now)
    {
        RunPending(now);
        if (now >= _nextLivenessCheck)
        {
            _nextLivenessCheck = PeriodGrid.NextAfter(_nextLivenessCheck, _options.LivenessInterval, now);
            SetOk(Answering, Answering ? "answered the liveness check" : "did not answer the liveness check");
        }
        if (_nextSample is { } sample && now >= sample)
        {
            _nextSample = PeriodGrid.NextAfter(sample, _options.SampleInterval, now);
            if (Answering)
            {
                Sample();
            }
        }
    }

    private CommandResult Press(DeviceCommand command)
    {
        if (!Answering)
        {
            return CommandResult.Fail(CommandStatus.Timeout, $"Switch {Info.Id.Name} did not answer.");
        }
        Sink.OnEvent(DeviceEvent.ForCommand(Info.Id.Value, command.Cluster, command.Command, command.Arguments, EventSource.ManualLocal));
        return CommandResult.Success;
    }

    private CommandResult Submit(long correlationId, DeviceCommand? command, AttributeWrite? write, DateTimeOffset now)
    {
        if (!IsOk)
        {
            return CommandResult.Fail(CommandStatus.Unreachable, $"Device {Info.Id.Name} is unreachable.");
        }
        var latency = _options.CommandLatency + ((_faults & SimulatedFaults.Late) != 0 ? _extraLatency : TimeSpan.Zero);
        if (latency == TimeSpan.Zero && Answering)
        {
            var result = Answer(command, write, now);
            Flush(now);
            return result;
        }
        _pending.Add(new PendingCommand(correlationId, command, write, now + latency, now + _options.CommandTimeout));
        return CommandResult.Pending;
    }

    private CommandResult Answer(DeviceCommand? command, AttributeWrite? write, DateTimeOffset now)
    {
        if ((_faults & SimulatedFaults.FailCommands) != 0)
        {
            return CommandResult.Fail(CommandStatus.Failed, $"Device {Info.Id.Name} failed the command (simulated fault).");
        }
        return command is not null ? Clusters.Execute(command, now) : Clusters.Write(write!, now);
    }

    private void RunPending(DateTimeOffset now)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            var pending = _pending[i];
            var answerDue = Answering && now >= pending.AnswerAt;
            if (!pending.Completed && now >= pending.TimeoutAt && !(answerDue && pending.AnswerAt <= pending.TimeoutAt))
            {
                pending.Completed = true;
                DeviceLog.CommandTimedOut(Logger, Info.Id.Name, pending.CorrelationId, _options.CommandTimeout);
                Sink.OnCommandCompleted(pending.CorrelationId, CommandResult.Fail(CommandStatus.Timeout, $"Device {Info.Id.Name} did not answer within {_options.CommandTimeout.TotalSeconds:0.###} s."));
            }
            if (answerDue)
            {
                // A late answer still takes effect (the device did act): its reports are the truth.
                var result = Answer(pending.Command, pending.Write, pending.AnswerAt);
                if (!pending.Completed)
                {
                    Sink.OnCommandCompleted(pending.CorrelationId, result);
                }
                _pending.RemoveAt(i--);
            }
            else if (pending.Completed && !Answering)
            {
                _pending.RemoveAt(i--);
            }
        }
    }

    private void Sample()
    {
        var step = _options.TemperatureDriftStep;
        if (Clusters.Get<TemperatureMeasurementBehaviour>(ClusterIds.TemperatureMeasurement) is { } sensor)
        {
            var drift = step == 0 ? 0 : (int)(NextRandom() % (ulong)((2 * step) + 1)) - step;
            if (!sensor.TrySetMeasuredValue(sensor.MeasuredValue + drift, EventSource.Report))
            {
                sensor.TrySetMeasuredValue(sensor.MeasuredValue - drift, EventSource.Report);
            }
        }
        if (Clusters.Get<ThermostatBehaviour>(ClusterIds.Thermostat) is { } thermostat && thermostat.ActiveSetpoint is { } target)
        {
            var current = thermostat.LocalTemperature;
            thermostat.SetLocalTemperature(current + Math.Clamp(target - current, -step, step), EventSource.Report);
        }
    }

    // SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime and machine.
    private ulong NextRandom()
    {
        var z = _random += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static int DefaultType(SimulatedKind kind) => kind switch
    {
        SimulatedKind.OnOffLight => DeviceTypes.OnOffLight,
        SimulatedKind.DimmableLight => DeviceTypes.DimmableLight,
        SimulatedKind.Switch => DeviceTypes.OnOffSwitch,
        SimulatedKind.TemperatureSensor => DeviceTypes.TemperatureSensor,
        SimulatedKind.Thermostat => DeviceTypes.Thermostat,
        _ => DeviceTypes.MultistateDevice,
    };

    private static ClusterSet Build(SimulatedKind kind, SimulatedDeviceParameters parameters, SimulatedDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var set = new ClusterSet();
        switch (kind)
        {
            case SimulatedKind.OnOffLight:
                set.Add(new OnOffBehaviour(set.Table));
                break;
            case SimulatedKind.DimmableLight:
                var onOff = set.Add(new OnOffBehaviour(set.Table));
                set.Add(new LevelBehaviour(set.Table, onOff, options.TransitionTickInterval, parameters.MinLevel, 255, parameters.InitialLevel));
                set.Add(new LevelConfigBehaviour(set.Table));
                break;
            case SimulatedKind.TemperatureSensor:
                set.Add(new TemperatureMeasurementBehaviour(set.Table, parameters.Temperature));
                break;
            case SimulatedKind.Thermostat:
                set.Add(new ThermostatBehaviour(set.Table, parameters.Temperature));
                break;
            case SimulatedKind.Multistate:
                set.Add(new MultistateBehaviour(set.Table, parameters.MultistateCluster, parameters.NumberOfStates));
                break;
            default:
                break;
        }
        return set;
    }

    private sealed class PendingCommand(long correlationId, DeviceCommand? command, AttributeWrite? write, DateTimeOffset answerAt, DateTimeOffset timeoutAt)
    {
        public long CorrelationId { get; } = correlationId;

        public DeviceCommand? Command { get; } = command;

        public AttributeWrite? Write { get; } = write;

        public DateTimeOffset AnswerAt { get; } = answerAt;

        public DateTimeOffset TimeoutAt { get; } = timeoutAt;

        /// <summary>The sink has been told (timed out); a late answer still takes effect but is not completed again.</summary>
        public bool Completed { get; set; }
    }
}
