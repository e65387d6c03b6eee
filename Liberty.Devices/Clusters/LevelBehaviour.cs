using System.Diagnostics;
using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// Level Control cluster (0x0008): MoveToLevel, Move, Step, Stop and their WithOnOff variants, transitions that
/// progress over time, an on-level memory, and the On/Off commands of a level device.
/// </summary>
/// <remarks>
/// <para><b>Scale.</b> CurrentLevel is on Liberty's 0..255 scale (apps set and read 0..255), bounded by MinLevel and
/// MaxLevel (defaults 0 and 255). 255 is a level here, not ZCL's "invalid"; an unknown level is a missing attribute.</para>
/// <para><b>On and level.</b> As in Liberty, a level device is on exactly when its level is above 0: a command that
/// moves the level above 0 sets OnOff true when it starts; one that ends at 0 sets OnOff false when it ends. The plain
/// commands (0–3) are executed whether the device is on or off (ZCL's "execute if off"), because Liberty apps dim an
/// off light up with MoveToLevel. The WithOnOff variants (4–7) differ only when MinLevel &gt; 0: moving down to
/// MinLevel switches the device off (level 0), where a plain command stops at MinLevel and stays on.</para>
/// <para><b>On-level memory.</b> Off remembers the level it leaves (if above 0); a transition that ends above 0
/// remembers where it ended; On moves back to the remembered level, or MaxLevel if none. On and Off take
/// OnOffTransitionTime (tenths of a second).</para>
/// <para><b>Time.</b> A transition is a linear ramp from the level at its start to its target, so the level at any
/// instant is exact: MoveToLevel 0 → 254 over 2 s is 127 after 1 s. Ticks come every <c>tickInterval</c> on a grid
/// from the start of the ramp, plus one at its end; each sets CurrentLevel and RemainingTime, which become reports.</para>
/// </remarks>
internal sealed class LevelBehaviour : ClusterBehaviour, IOnOffTarget
{
    /// <summary>The rate of a Move whose rate argument is 0xFF ("default"), in levels per second.</summary>
    public const int DefaultMoveRate = 255;

    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);
    private readonly bool _hasOnOff;
    private readonly TimeSpan _tickInterval;
    private readonly int _minLevel;
    private readonly int _maxLevel;
    private Ramp? _ramp;
    private DateTimeOffset? _nextDue;
    private int _onLevel;

    public LevelBehaviour(AttributeTable table, OnOffBehaviour? onOff, TimeSpan tickInterval, int minLevel = 0, int maxLevel = 255, int initialLevel = 0)
        : base(ClusterIds.Level, table)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(minLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLevel, 255);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minLevel, maxLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialLevel, maxLevel);
        _hasOnOff = onOff is not null;
        _tickInterval = tickInterval;
        _minLevel = minLevel;
        _maxLevel = maxLevel;
        _onLevel = initialLevel;
        table.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)initialLevel, EventSource.Report);
        table.Set(ClusterIds.Level, AttributeIds.Level.RemainingTime, 0L, EventSource.Report);
        table.Set(ClusterIds.Level, AttributeIds.Level.MinLevel, (long)minLevel, EventSource.Report);
        table.Set(ClusterIds.Level, AttributeIds.Level.MaxLevel, (long)maxLevel, EventSource.Report);
        table.Set(ClusterIds.Level, AttributeIds.Level.OnOffTransitionTime, 0L, EventSource.Report);
        if (onOff is not null)
        {
            table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, initialLevel > 0, EventSource.Report);
            onOff.SwitchThrough(this);
        }
    }

    public override DateTimeOffset? NextDue => _nextDue;

    /// <summary>The level as of the last change or tick.</summary>
    public int CurrentLevel => (int)Table.GetInt64(ClusterIds.Level, AttributeIds.Level.CurrentLevel);

    public bool IsOn => _ramp is { } ramp
        ? !ramp.OffAtEnd && ramp.To > 0
        : _hasOnOff ? Table.GetBoolean(ClusterIds.OnOff, AttributeIds.OnOff.State) : CurrentLevel > 0;

    public void TurnOn(EventSource source, DateTimeOffset now)
    {
        if (IsOn)
        {
            return;
        }
        var target = Math.Clamp(_onLevel > 0 ? _onLevel : _maxLevel, Math.Max(_minLevel, 1), _maxLevel);
        StartRamp(target, OnOffTransition(), offAtEnd: false, source, now);
    }

    public void TurnOff(EventSource source, DateTimeOffset now)
    {
        if (!IsOn)
        {
            return;
        }
        StartRamp(0, OnOffTransition(), offAtEnd: true, source, now);
    }

    /// <summary>Takes a level the device reports on its own (hardware changed by someone else): ends any transition.</summary>
    public void SetFromDevice(int level, EventSource source)
    {
        _ramp = null;
        _nextDue = null;
        SetLevelAtRest(Math.Clamp(level, 0, _maxLevel), level <= 0, source);
    }

    public override CommandResult Execute(int command, IReadOnlyList<AttributeValue> arguments, EventSource source, DateTimeOffset now)
    {
        var withOnOff = command is >= CommandIds.Level.MoveToLevelWithOnOff and <= CommandIds.Level.StopWithOnOff;
        var name = CommandIds.Level.GetName(command);
        switch (withOnOff ? command - CommandIds.Level.MoveToLevelWithOnOff : command)
        {
            case CommandIds.Level.MoveToLevel:
            {
                if (CommandArguments.TryGet(arguments, 0, name, "level", 0, 255, out var level) is { } badLevel)
                {
                    return badLevel;
                }
                if (CommandArguments.TryGet(arguments, 1, name, "transitionTime", 0, 0xFFFF, out var time, fallback: 0) is { } badTime)
                {
                    return badTime;
                }
                MoveTo((int)level, TransitionTime(time), withOnOff, source, now);
                return CommandResult.Success;
            }
            case CommandIds.Level.Move:
            {
                if (CommandArguments.TryGet(arguments, 0, name, "mode (0 up, 1 down)", 0, 1, out var mode) is { } badMode)
                {
                    return badMode;
                }
                if (CommandArguments.TryGet(arguments, 1, name, "rate (levels per second)", 1, 255, out var rate) is { } badRate)
                {
                    return badRate;
                }
                var current = LevelAt(now);
                int target;
                bool off;
                if (mode == 0)
                {
                    (target, off) = (_maxLevel, false);
                }
                else
                {
                    (target, off) = (_minLevel, withOnOff || _minLevel == 0);
                }
                var seconds = Math.Abs(target - current) / (double)(rate == 0xFF ? DefaultMoveRate : rate);
                StartRamp(target, TimeSpan.FromSeconds(seconds), off, source, now);
                return CommandResult.Success;
            }
            case CommandIds.Level.Step:
            {
                if (CommandArguments.TryGet(arguments, 0, name, "mode (0 up, 1 down)", 0, 1, out var mode) is { } badMode)
                {
                    return badMode;
                }
                if (CommandArguments.TryGet(arguments, 1, name, "size", 0, 255, out var size) is { } badSize)
                {
                    return badSize;
                }
                if (CommandArguments.TryGet(arguments, 2, name, "transitionTime", 0, 0xFFFF, out var time, fallback: 0) is { } badTime)
                {
                    return badTime;
                }
                var current = (int)Math.Round(LevelAt(now), MidpointRounding.AwayFromZero);
                var target = mode == 0 ? current + (int)size : current - (int)size;
                MoveTo(Math.Clamp(target, 0, 255), TransitionTime(time), withOnOff, source, now);
                return CommandResult.Success;
            }
            case CommandIds.Level.Stop:
                Stop(source, now);
                return CommandResult.Success;
            default:
                return base.Execute(command, arguments, source, now);
        }
    }

    public override void Tick(DateTimeOffset now)
    {
        if (_ramp is not { } ramp || now < _nextDue)
        {
            return;
        }
        if (now >= ramp.End)
        {
            Finish(ramp);
            return;
        }
        Table.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)Math.Round(LevelAt(now), MidpointRounding.AwayFromZero), ramp.Source);
        Table.Set(ClusterIds.Level, AttributeIds.Level.RemainingTime, TenthsUntil(ramp.End, now), ramp.Source);
        ScheduleAfter(ramp, now);
    }

    protected override CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all) =>
        attribute == AttributeIds.Level.OnOffTransitionTime ? CheckRange(attribute, value, 0, 0xFFFE) : base.CheckWrite(attribute, value, all);

    private void MoveTo(int level, TimeSpan duration, bool withOnOff, EventSource source, DateTimeOffset now)
    {
        if (withOnOff && level <= _minLevel)
        {
            StartRamp(_minLevel, duration, offAtEnd: true, source, now);
            return;
        }
        var target = Math.Clamp(level, _minLevel, _maxLevel);
        StartRamp(target, duration, offAtEnd: target == 0, source, now);
    }

    private void Stop(EventSource source, DateTimeOffset now)
    {
        if (_ramp is null)
        {
            return;
        }
        var level = (int)Math.Round(LevelAt(now), MidpointRounding.AwayFromZero);
        _ramp = null;
        _nextDue = null;
        SetLevelAtRest(level, off: level == 0, source);
    }

    private void StartRamp(int target, TimeSpan duration, bool offAtEnd, EventSource source, DateTimeOffset now)
    {
        var from = LevelAt(now);
        if (offAtEnd && from > 0)
        {
            _onLevel = (int)Math.Round(from, MidpointRounding.AwayFromZero);
        }
        if (!offAtEnd && target > 0 && _hasOnOff)
        {
            Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, true, source);
        }
        var ramp = new Ramp(from, target, now, now + duration, offAtEnd, source);
        if (duration <= TimeSpan.Zero || (from == target && !offAtEnd))
        {
            Finish(ramp);
            return;
        }
        _ramp = ramp;
        Table.Set(ClusterIds.Level, AttributeIds.Level.RemainingTime, TenthsUntil(ramp.End, now), source);
        ScheduleAfter(ramp, now);
    }

    private void Finish(Ramp ramp)
    {
        _ramp = null;
        _nextDue = null;
        SetLevelAtRest(ramp.OffAtEnd ? 0 : ramp.To, ramp.OffAtEnd || ramp.To == 0, ramp.Source);
    }

    private void SetLevelAtRest(int level, bool off, EventSource source)
    {
        Debug.Assert(!off || level == 0 || _minLevel > 0, "Off means level 0.");
        level = off ? 0 : level;
        if (level > 0)
        {
            _onLevel = level;
        }
        Table.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)level, source);
        Table.Set(ClusterIds.Level, AttributeIds.Level.RemainingTime, 0L, source);
        if (_hasOnOff)
        {
            Table.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, level > 0, source);
        }
    }

    // The next grid point after now, capped at the end, so late ticks do not shift the grid.
    private void ScheduleAfter(Ramp ramp, DateTimeOffset now)
    {
        var next = PeriodGrid.NextAfter(ramp.Start, _tickInterval, now);
        _nextDue = next < ramp.End ? next : ramp.End;
    }

    private double LevelAt(DateTimeOffset now)
    {
        if (_ramp is not { } ramp)
        {
            return CurrentLevel;
        }
        if (now >= ramp.End)
        {
            return ramp.To;
        }
        var fraction = (now - ramp.Start) / (ramp.End - ramp.Start);
        return ramp.From + ((ramp.To - ramp.From) * Math.Max(0, fraction));
    }

    private TimeSpan TransitionTime(long tenths) => tenths == 0xFFFF ? OnOffTransition() : Tenth * tenths;

    private TimeSpan OnOffTransition() => Tenth * Table.GetInt64(ClusterIds.Level, AttributeIds.Level.OnOffTransitionTime);

    private static long TenthsUntil(DateTimeOffset end, DateTimeOffset now) => (long)Math.Ceiling((end - now) / Tenth);

    private sealed record Ramp(double From, int To, DateTimeOffset Start, DateTimeOffset End, bool OffAtEnd, EventSource Source);
}
