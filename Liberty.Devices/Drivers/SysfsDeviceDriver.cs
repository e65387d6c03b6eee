using System.Globalization;
using Liberty.Devices.Clusters;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers;

/// <summary>
/// A Linux sysfs device (LED, GPIO line, thermal zone) under a configurable root. Commands go through the standard
/// cluster behaviours and their results are written to the device files (an LED's level transition writes its
/// brightness at every step); the files are polled to notice changes made by others and failures.
/// </summary>
/// <remarks>
/// A missing or unreadable file makes the device ok=false with one warning naming the file (logged when the device
/// goes down, not at every poll); it comes back ok=true at the first poll that succeeds. No exception escapes.
/// </remarks>
internal sealed class SysfsDeviceDriver : ClusterDeviceDriver
{
    private readonly SysfsKind _kind;
    private readonly string _directory;
    private readonly TimeSpan _pollInterval;
    private DateTimeOffset _nextPoll;
    private int _maxBrightness = 1;
    private long? _lastValue;
    private bool _isInput;

    public SysfsDeviceDriver(DeviceId id, SysfsKind kind, string path, SysfsDriverOptions options, ILogger logger, int? deviceType = null)
        : this(id, kind, path, Build(kind, options), options, logger, deviceType)
    {
    }

    private SysfsDeviceDriver(DeviceId id, SysfsKind kind, string path, ClusterSet clusters, SysfsDriverOptions options, ILogger logger, int? deviceType)
        : base(new DeviceInfo(id, deviceType ?? DefaultType(kind), [.. clusters.Clusters], "sysfs/" + kind.ToString().ToLowerInvariant()), clusters, logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        _kind = kind;
        _directory = Path.Combine(options.Root, path.TrimStart('/'));
        _pollInterval = options.PollInterval;
    }

    protected override DateTimeOffset? OwnNextDue => _nextPoll;

    public override CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRunning();
        if (!IsOk)
        {
            return CommandResult.Fail(CommandStatus.Unreachable, $"Device {Info.Id.Name} is unreachable (its files under {_directory} cannot be read).");
        }
        if (_kind == SysfsKind.Thermal || _isInput)
        {
            return Info.SupportsCluster(command.Cluster)
                ? CommandResult.Fail(CommandStatus.ReadOnly, $"Device {Info.Id.Name} is {(_isInput ? "a GPIO input" : "a sensor")}: it takes no commands.")
                : ClusterSet.UnsupportedCluster(command.Cluster);
        }
        var result = base.Execute(command, now);
        return IsOk || !result.IsSuccess ? result : CommandResult.Fail(CommandStatus.Failed, $"Device {Info.Id.Name}: writing the device file failed.");
    }

    protected override (bool Ok, string Reason) OnStart(DateTimeOffset now)
    {
        _nextPoll = now + _pollInterval;
        return Poll(EventSource.Report);
    }

    protected override void OnTick(DateTimeOffset now)
    {
        if (now < _nextPoll)
        {
            return;
        }
        _nextPoll = PeriodGrid.NextAfter(_nextPoll, _pollInterval, now);
        var (ok, reason) = Poll(_isInput ? EventSource.ManualLocal : EventSource.Report);
        SetOk(ok, reason);
    }

    protected override void OnChanged(IReadOnlyList<DeviceEvent> reports, DateTimeOffset now)
    {
        long? value = _kind switch
        {
            SysfsKind.Led => (long)Math.Round(Clusters.Table.GetInt64(ClusterIds.Level, AttributeIds.Level.CurrentLevel) * _maxBrightness / 255.0, MidpointRounding.AwayFromZero),
            SysfsKind.Gpio when !_isInput => Clusters.Table.GetBoolean(ClusterIds.OnOff, AttributeIds.OnOff.State) ? 1 : 0,
            _ => null,
        };
        if (value is not { } v || v == _lastValue || !IsOk)
        {
            return;
        }
        // A level taken from the file maps back to a nearby but not always equal brightness; do not overwrite what
        // someone else wrote just because of rounding.
        if (_kind == SysfsKind.Led && _lastValue is { } last
            && LevelOf(last) == Clusters.Table.GetInt64(ClusterIds.Level, AttributeIds.Level.CurrentLevel))
        {
            return;
        }
        var file = Path.Combine(_directory, _kind == SysfsKind.Led ? "brightness" : "value");
        try
        {
            File.WriteAllText(file, v.ToString(CultureInfo.InvariantCulture));
            _lastValue = v;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeviceLog.SysfsWriteFailed(Logger, Info.Id.Name, file, e.Message);
            SetOk(false, $"cannot write {file}: {e.Message}");
        }
    }

    // Reads the device files and takes changes made by others into the attributes.
    private (bool Ok, string Reason) Poll(EventSource source)
    {
        try
        {
            switch (_kind)
            {
                case SysfsKind.Led:
                    _maxBrightness = Math.Max(1, (int)ReadNumber("max_brightness"));
                    var brightness = ReadNumber("brightness");
                    if (brightness != _lastValue)
                    {
                        _lastValue = brightness;
                        Clusters.Get<LevelBehaviour>(ClusterIds.Level)!.SetFromDevice(LevelOf(brightness), source);
                    }
                    break;
                case SysfsKind.Gpio:
                    _isInput = ReadText("direction") == "in";
                    var value = ReadNumber("value");
                    if (value != _lastValue)
                    {
                        _lastValue = value;
                        Clusters.Get<OnOffBehaviour>(ClusterIds.OnOff)!.SetFromDevice(value != 0, source);
                    }
                    break;
                default:
                    var celsiusHundredths = (int)Math.Round(ReadNumber("temp") / 10.0, MidpointRounding.AwayFromZero);
                    if (!Clusters.Get<TemperatureMeasurementBehaviour>(ClusterIds.TemperatureMeasurement)!.TrySetMeasuredValue(celsiusHundredths, source))
                    {
                        return (false, $"{Path.Combine(_directory, "temp")} reads {celsiusHundredths / 100.0:0.00} °C, outside the sensor's range");
                    }
                    break;
            }
            return (true, $"{_directory} is readable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return (false, e.Message);
        }
    }

    private int LevelOf(long brightness) => (int)Math.Round(brightness * 255.0 / _maxBrightness, MidpointRounding.AwayFromZero);

    private long ReadNumber(string name)
    {
        var text = ReadText(name);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{Path.Combine(_directory, name)} does not hold an integer: '{text}'.");
    }

    private string ReadText(string name)
    {
        var file = Path.Combine(_directory, name);
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"{file} does not exist.", e);
        }
    }

    private static int DefaultType(SysfsKind kind) => kind switch
    {
        SysfsKind.Led => DeviceTypes.DimmableLight,
        SysfsKind.Gpio => DeviceTypes.OnOffLight,
        _ => DeviceTypes.TemperatureSensor,
    };

    private static ClusterSet Build(SysfsKind kind, SysfsDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var set = new ClusterSet();
        switch (kind)
        {
            case SysfsKind.Led:
                var onOff = set.Add(new OnOffBehaviour(set.Table));
                set.Add(new LevelBehaviour(set.Table, onOff, options.TransitionTickInterval));
                break;
            case SysfsKind.Gpio:
                set.Add(new OnOffBehaviour(set.Table));
                break;
            default:
                set.Add(new TemperatureMeasurementBehaviour(set.Table, 0, minMeasured: -27315, maxMeasured: 32767));
                break;
        }
        return set;
    }
}
