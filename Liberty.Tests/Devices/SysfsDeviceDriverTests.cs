using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Tests.Devices;

public sealed class SysfsDeviceDriverTests : IDisposable
{
    private const string Led = "class/leds/led0";
    private const string Gpio = "class/gpio/gpio5";
    private const string Thermal = "class/thermal/thermal_zone0";
    private readonly FakeSysfsTree _tree = new();
    private readonly ListLogger _logger = new();
    private DriverHarness? _harness;

    public void Dispose()
    {
        _harness?.Dispose();
        _tree.Dispose();
    }

    private DriverHarness Start(SysfsKind kind, string path)
    {
        _harness = new DriverHarness(new SysfsDeviceDriver(DeviceId.Create("gw1", "hw"), kind, path, _tree.Options, _logger));
        _harness.Start();
        return _harness;
    }

    [Fact]
    public void Led_MoveToLevel_WritesScaledBrightnessAlongTheTransition()
    {
        _tree.AddLed(Led, 0, 100);
        var harness = Start(SysfsKind.Led, Led);

        harness.Execute(ClusterIds.Level, CommandIds.Level.MoveToLevel, 255L, 10L);
        harness.Advance(0.5);
        Assert.Equal("50", _tree.Read(Led, "brightness"));

        harness.Advance(0.5);
        Assert.Equal("100", _tree.Read(Led, "brightness"));
    }

    [Fact]
    public void Led_BrightnessChangedByOthers_ReportedAtNextPoll()
    {
        _tree.AddLed(Led, 0, 255);
        var harness = Start(SysfsKind.Led, Led);
        harness.Events.Clear();

        _tree.Write(Led, "brightness", 77);
        harness.Advance(1);

        var report = harness.Reports(ClusterIds.Level).Single();
        Assert.Equal((AttributeValue)77L, report.Affected![AttributeIds.Level.CurrentLevel]);
        Assert.Equal(EventSource.Report, report.Source);
        Assert.Equal("77", _tree.Read(Led, "brightness"));
    }

    [Fact]
    public void MissingFile_OkFalseWithOneWarningAcrossManyPolls_ThenRecovers()
    {
        _tree.AddLed(Led, 10, 255);
        _tree.Delete(Led, "max_brightness");

        var harness = Start(SysfsKind.Led, Led);
        harness.Advance(60);

        Assert.False(harness.Driver.IsOk);
        Assert.Contains("max_brightness", harness.Liveness[^1].Reason, StringComparison.Ordinal);
        Assert.Single(harness.Liveness);
        Assert.Empty(harness.Events);
        Assert.Equal(CommandStatus.Unreachable, harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On).Status);
        var warning = Assert.Single(_logger.Entries, static e => e.Level >= LogLevel.Warning);
        Assert.Contains("max_brightness", warning.Message, StringComparison.Ordinal);

        _tree.Write(Led, "max_brightness", 255);
        harness.Advance(1);

        Assert.True(harness.Driver.IsOk);
        Assert.Contains(_logger.Entries, static e => e.Id.Id == 2101);
        Assert.Contains(harness.Reports(ClusterIds.Level), static e => e.Attributes![AttributeIds.Level.CurrentLevel] == 10L);
    }

    [Fact]
    public void FileVanishesWhileRunning_GoesOkFalseOnceWithWarningNamingIt()
    {
        _tree.AddThermal(Thermal, 21000);
        var harness = Start(SysfsKind.Thermal, Thermal);

        _tree.Delete(Thermal, "temp");
        harness.Advance(30);

        Assert.Equal([true, false], harness.Liveness.Select(static l => l.Ok));
        var warning = Assert.Single(_logger.Entries, static e => e.Level == LogLevel.Warning);
        Assert.Equal(2102, warning.Id.Id);
        Assert.Contains("temp", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotANumber_OkFalseNotAnException()
    {
        _tree.AddThermal(Thermal, 0);
        _tree.Write(Thermal, "temp", "garbage");

        var harness = Start(SysfsKind.Thermal, Thermal);

        Assert.False(harness.Driver.IsOk);
        Assert.Contains("garbage", harness.Liveness[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Thermal_Millidegrees_ReportedInHundredthsOfADegree()
    {
        _tree.AddThermal(Thermal, 45678);

        var harness = Start(SysfsKind.Thermal, Thermal);

        var report = harness.Reports(ClusterIds.TemperatureMeasurement).Single();
        Assert.Equal((AttributeValue)4568L, report.Attributes![AttributeIds.TemperatureMeasurement.MeasuredValue]);
    }

    [Fact]
    public void GpioOutput_OnOff_WritesValue()
    {
        _tree.AddGpio(Gpio, "out", 0);
        var harness = Start(SysfsKind.Gpio, Gpio);

        harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On);
        Assert.Equal("1", _tree.Read(Gpio, "value"));
        harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.Toggle);
        Assert.Equal("0", _tree.Read(Gpio, "value"));
    }

    [Fact]
    public void GpioInput_RefusesCommandsAndReportsChangesAsManualLocal()
    {
        _tree.AddGpio(Gpio, "in", 0);
        var harness = Start(SysfsKind.Gpio, Gpio);
        harness.Events.Clear();

        Assert.Equal(CommandStatus.ReadOnly, harness.Execute(ClusterIds.OnOff, CommandIds.OnOff.On).Status);
        _tree.Write(Gpio, "value", 1);
        harness.Advance(1);

        var report = harness.Reports(ClusterIds.OnOff).Single();
        Assert.Equal(EventSource.ManualLocal, report.Source);
        Assert.Equal((AttributeValue)true, report.Affected![AttributeIds.OnOff.State]);
    }
}
