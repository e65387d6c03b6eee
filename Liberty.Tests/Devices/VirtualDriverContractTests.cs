using Liberty.Devices.Drivers;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

public class VirtualDriverContractTests : DeviceDriverContractTests
{
    internal override IDeviceDriver CreateDriver()
    {
        Assert.True(VirtualDeviceDriver.TryParseSpec(DeviceId.Create("gw1", "virtual"), "1,101,8", out var info, out var error), error);
        return new VirtualDeviceDriver(info);
    }

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine, 21);
}
