using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// On/Off cluster (0x0006): Off, On, Toggle and OnWithTimedOff. On a level device it switches through the
/// <see cref="LevelBehaviour"/> (on-level memory, OnOffTransitionTime); otherwise it sets the OnOff attribute.
/// </summary>
/// <remarks>
/// OnWithTimedOff follows ZCL: bit 0 of OnOffControl ("accept only when on") makes an off device ignore it; an off
/// device still inside its OffWaitTime ignores it; otherwise the device turns on and turns itself off after OnTime
/// (the longer of the running and the new one), source <see cref="EventSource.AutoLocal"/>, then ignores
/// OnWithTimedOff for OffWaitTime. Off, On and Toggle cancel both timers. The OnTime and OffWaitTime attributes are set
/// when the timers start and end (not counted down every tenth of a second); the deadlines themselves are exact.
/// </remarks>
internal sealed class OnOffBehaviour : ClusterBehaviour, IOnOffTarget
{
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);
    private IOnOffTarget _target;
    private DateTimeOffset? _offAt;
    private DateTimeOffset? _offWaitUntil;
    private EventSource _timedSource;

    public OnOffBehaviour(AttributeTable table, bool initiallyOn = false)
        : base(ClusterIds.OnOff, table)
    {
        _target = this;
        table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, initiallyOn, EventSource.Report);
        table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OnTime, 0L, EventSource.Report);
        table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime, 0L, EventSource.Report);
    }

    /// <summary>Routes switching through <paramref name="target"/> (a level device); call once while wiring the device.</summary>
    public void SwitchThrough(IOnOffTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    public override DateTimeOffset? NextDue => Earliest(_offAt, _offWaitUntil);

    bool IOnOffTarget.IsOn => Table.GetBoolean(ClusterIds.OnOff, AttributeIds.OnOff.State);

    void IOnOffTarget.TurnOn(EventSource source, DateTimeOffset now) => Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, true, source);

    void IOnOffTarget.TurnOff(EventSource source, DateTimeOffset now) => Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, false, source);

    /// <summary>Takes the on/off state the device reports on its own (a GPIO input, a hardware change).</summary>
    public void SetFromDevice(bool on, EventSource source) => Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, on, source);

    public override CommandResult Execute(int command, IReadOnlyList<AttributeValue> arguments, EventSource source, DateTimeOffset now)
    {
        switch (command)
        {
            case CommandIds.OnOff.Off:
                CancelTimers(source);
                _target.TurnOff(source, now);
                return CommandResult.Success;
            case CommandIds.OnOff.On:
                CancelTimers(source);
                _target.TurnOn(source, now);
                return CommandResult.Success;
            case CommandIds.OnOff.Toggle:
                CancelTimers(source);
                if (_target.IsOn)
                {
                    _target.TurnOff(source, now);
                }
                else
                {
                    _target.TurnOn(source, now);
                }
                return CommandResult.Success;
            case CommandIds.OnOff.OnWithTimedOff:
                return OnWithTimedOff(arguments, source, now);
            default:
                return base.Execute(command, arguments, source, now);
        }
    }

    public override void Tick(DateTimeOffset now)
    {
        if (_offAt is { } offAt && now >= offAt)
        {
            _offAt = null;
            Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OnTime, 0L, _timedSource);
            _target.TurnOff(EventSource.AutoLocal, now);
            var offWait = Table.GetInt64(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime);
            // The off wait runs from the moment the device turned off, not from now (a late tick must not stretch it).
            _offWaitUntil = offWait > 0 ? offAt + (Tenth * offWait) : null;
        }
        if (_offWaitUntil is { } waitUntil && now >= waitUntil)
        {
            _offWaitUntil = null;
            Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime, 0L, EventSource.AutoLocal);
        }
    }

    protected override CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all) =>
        attribute is AttributeIds.OnOff.OnTime or AttributeIds.OnOff.OffWaitTime
            ? CheckRange(attribute, value, 0, 0xFFFF)
            : base.CheckWrite(attribute, value, all);

    private CommandResult OnWithTimedOff(IReadOnlyList<AttributeValue> arguments, EventSource source, DateTimeOffset now)
    {
        const string Name = "OnWithTimedOff";
        // ZCL's payload is {onOffControl, onTime, offWaitTime}; Liberty's Libre_DeviceOnWithTimedOff passes {onTime, offWait}.
        var offset = arguments.Count >= 3 ? 1 : 0;
        long control = 0;
        if (offset == 1 && CommandArguments.TryGet(arguments, 0, Name, "onOffControl", 0, 0xFF, out control) is { } badControl)
        {
            return badControl;
        }
        if (CommandArguments.TryGet(arguments, offset, Name, "onTime", 0, 0xFFFF, out var onTime) is { } badOnTime)
        {
            return badOnTime;
        }
        if (CommandArguments.TryGet(arguments, offset + 1, Name, "offWaitTime", 0, 0xFFFF, out var offWait, fallback: 0) is { } badOffWait)
        {
            return badOffWait;
        }
        var isOn = _target.IsOn;
        if (((control & 1) != 0 && !isOn) || (!isOn && _offWaitUntil > now))
        {
            return CommandResult.Success;
        }
        var offAt = now + (Tenth * onTime);
        if (_offAt is { } running && running > offAt)
        {
            offAt = running;
        }
        _offAt = offAt;
        _offWaitUntil = null;
        _timedSource = source;
        Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OnTime, (long)Math.Ceiling((offAt - now) / Tenth), source);
        Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime, offWait, source);
        if (!isOn)
        {
            _target.TurnOn(source, now);
        }
        return CommandResult.Success;
    }

    private void CancelTimers(EventSource source)
    {
        _offAt = null;
        _offWaitUntil = null;
        Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OnTime, 0L, source);
        Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.OffWaitTime, 0L, source);
    }
}
