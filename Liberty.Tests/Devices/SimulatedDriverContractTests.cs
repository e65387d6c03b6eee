using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public abstract class SimulatedDriverContractTests : DeviceDriverContractTests
{
    internal abstract SimulatedKind Kind { get; }

    internal virtual SimulatedDriverOptions Options => new();

    internal override IDeviceDriver CreateDriver() =>
        new SimulatedDeviceDriver(DeviceId.Create("gw1", "sim"), Kind, new SimulatedDeviceParameters(), Options, NullLogger.Instance);
}

public class SimulatedOnOffLightContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.OnOffLight;

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine, 11);
}

public class SimulatedDimmableLightContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.DimmableLight;

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.Level, CommandIds.Level.MoveToLevel, [200L, 20L], EventSource.AppEngine, 12);
}

public class SimulatedSlowDimmableLightContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.DimmableLight;

    internal override SimulatedDriverOptions Options => new() { CommandLatency = TimeSpan.FromMilliseconds(300) };

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.Level, CommandIds.Level.MoveToLevel, [200L, 20L], EventSource.AppEngine, 13);
}

public class SimulatedSwitchContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.Switch;

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.ManualRemote, 14);
}

public class SimulatedTemperatureSensorContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.TemperatureSensor;

    internal override DeviceCommand? SupportedCommand => null;
}

public class SimulatedThermostatContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.Thermostat;

    internal override DeviceCommand? SupportedCommand => new(ClusterIds.Thermostat, CommandIds.Thermostat.SetpointRaiseLower, [0L, 5L], EventSource.AppEngine, 15);
}

public class SimulatedMultistateContractTests : SimulatedDriverContractTests
{
    internal override SimulatedKind Kind => SimulatedKind.Multistate;

    internal override DeviceCommand? SupportedCommand => null;
}
