using System.Text;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public class DeviceDriverFactoryTests
{
    private const string Json = """
        {
          "Devices": {
            "Simulated": { "CommandLatency": "00:00:00.200" },
            "Sysfs": { "Root": "/tmp/fake-sys", "PollInterval": "00:00:02" },
            "Devices": [
              { "Name": "hall", "Driver": "simulated", "Kind": "dimmable-light", "Parameters": { "level": "128" } },
              { "Name": "mode", "Driver": "simulated", "Kind": "multistate", "Type": "0xF002", "Parameters": { "states": "5", "cluster": "0x13" } },
              { "Name": "led0", "Driver": "sysfs", "Kind": "led", "Parameters": { "path": "class/leds/led0" } }
            ]
          }
        }
        """;

    private static DevicesOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection("Devices").Get<DevicesOptions>()!;
    }

    [Fact]
    public void Bind_Json_ReadsDeclarationsAndOptions()
    {
        var options = Bind(Json);

        Assert.Equal(3, options.Devices.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Simulated.CommandLatency);
        Assert.Equal("/tmp/fake-sys", options.Sysfs.Root);
        Assert.Equal("5", options.Devices[1].Parameters["states"]);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void TryCreate_EveryDeclaration_DriversWithIdsTypesAndClusters()
    {
        var options = Bind(Json);
        var drivers = options.Devices.Select((d, i) =>
        {
            Assert.True(DeviceDriverFactory.TryCreate("gw1", d, i, options, NullLoggerFactory.Instance, out var driver, out var error), error);
            return driver;
        }).ToList();

        Assert.Equal("gw1/hall", drivers[0].Info.Id.Name);
        Assert.Equal(DeviceTypes.DimmableLight, drivers[0].Info.DeviceType);
        Assert.Equal([ClusterIds.MultistateOutput], drivers[1].Info.Clusters);
        Assert.Equal("sysfs/led", drivers[2].Info.Driver);
    }

    [Theory]
    [InlineData("simulated", "dimmer", null, "Devices:Devices:4:Kind")]
    [InlineData("zigbee", "led", null, "Devices:Devices:4:Driver")]
    [InlineData("sysfs", "led", null, "Devices:Devices:4:Parameters:path")]
    [InlineData("simulated", "dimmable-light", "300", "Devices:Devices:4:Parameters:level")]
    public void TryCreate_BadDeclaration_MessageNamesTheConfigurationPath(string driverName, string kind, string? level, string path)
    {
        var declaration = new DeviceDeclaration { Name = "x", Driver = driverName, Kind = kind };
        if (level is not null)
        {
            declaration.Parameters["level"] = level;
        }

        Assert.False(DeviceDriverFactory.TryCreate("gw1", declaration, 4, new DevicesOptions(), NullLoggerFactory.Instance, out _, out var error));
        Assert.StartsWith(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadOptions_NamesEachProperty()
    {
        var options = new DevicesOptions
        {
            Simulated = { CommandTimeout = TimeSpan.Zero, TemperatureDriftStep = -1 },
            Sysfs = { Root = "", PollInterval = TimeSpan.FromSeconds(-1) },
        };

        var errors = options.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, static e => e.StartsWith("Simulated.CommandTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, static e => e.StartsWith("Sysfs.PollInterval", StringComparison.Ordinal));
    }
}
