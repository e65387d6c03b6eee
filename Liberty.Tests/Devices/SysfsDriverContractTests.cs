using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public abstract class SysfsDriverContractTests : DeviceDriverContractTests
{
    protected SysfsDriverContractTests() => Tree = new FakeSysfsTree();

    internal FakeSysfsTree Tree { get; }

    internal abstract SysfsKind Kind { get; }

    internal abstract string DevicePath { get; }

    internal override IDeviceDriver CreateDriver() =>
        new SysfsDeviceDriver(DeviceId.Create("gw1", "sysfs"), Kind, DevicePath, Tree.Options, NullLogger.Instance);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Tree.Dispose();
        }
    }
}

public class SysfsLedContractTests : SysfsDriverContractTests
{
    public SysfsLedContractTests() => Tree.AddLed("class/leds/led0", 0, 255);

    internal override SysfsKind Kind => SysfsKind.Led;

    internal override string DevicePath => "class/leds/led0";

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.Level, CommandIds.Level.MoveToLevel, [128L, 10L], EventSource.AppEngine, 31);
}

public class SysfsGpioContractTests : SysfsDriverContractTests
{
    public SysfsGpioContractTests() => Tree.AddGpio("class/gpio/gpio17", "out", 0);

    internal override SysfsKind Kind => SysfsKind.Gpio;

    internal override string DevicePath => "class/gpio/gpio17";

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine, 32);
}

public class SysfsThermalContractTests : SysfsDriverContractTests
{
    public SysfsThermalContractTests() => Tree.AddThermal("class/thermal/thermal_zone0", 45678);

    internal override SysfsKind Kind => SysfsKind.Thermal;

    internal override string DevicePath => "class/thermal/thermal_zone0";

    internal override DeviceCommand? SupportedCommand => null;
}
