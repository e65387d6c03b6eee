using Liberty.Devices.Clusters;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Devices.Model;

namespace Liberty.Tests.Mqtt;

public sealed class HomeAssistantSourceTests : MqttDiscoverySourceContract
{
    private const string ClimateConfig = """
        {"name":"Office","~":"fake/office","mode_cmd_t":"~/set/mode","mode_stat_t":"~/state","mode_stat_tpl":"{{ value_json.mode }}",
         "temp_cmd_t":"~/set/temp","temp_stat_t":"~/state","temp_stat_tpl":"{{ value_json['target'] | float }}",
         "curr_temp_t":"~/state","curr_temp_tpl":"{{ value_json.current }}","avty":[{"t":"~/status","pl_avail":"up","pl_not_avail":"down"}]}
        """;

    private protected override IMqttDiscoverySource Create() => new HomeAssistantSource(new HomeAssistantOptions());

    private protected override MqttMessage[] Announcement => [new("homeassistant/climate/hub/office/config", ClimateConfig, Retain: true)];

    private protected override (string Name, int Type, int[] Clusters)[] Expected => [("Office", DeviceTypes.Thermostat, [ClusterIds.Thermostat])];

    private protected override MqttMessage Malformed => new("homeassistant/light/desk/config", "{\"name\"");

    private protected override MqttMessage Withdrawal => new("homeassistant/climate/hub/office/config", "");

    private protected override MqttMessage Unrelated => new("homeassistant/status", "online");

    [Fact]
    public void Decode_ClimateStateWithTemplatesAndBaseTopic_ThermostatAttributes()
    {
        Assert.True(Create().TryDiscover(Announcement[0], out var discovery));
        var device = Assert.Single(discovery.Devices);
        var update = new MqttUpdate();

        device.Decode(new MqttMessage("fake/office/state", """{"mode":"heat","target":21.5,"current":20.25}"""), update);

        Assert.Null(update.Error);
        Assert.Equal(
            [(ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature, (AttributeValue)2025L), (ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, (AttributeValue)2150L), (ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode, (AttributeValue)4L)],
            update.Values);
        var availability = new MqttUpdate();
        device.Decode(new MqttMessage("fake/office/status", "down"), availability);
        Assert.Equal(false, availability.Available);
    }

    [Fact]
    public void EncodeWrite_Setpoint_DegreesOnTheCommandTopic()
    {
        Assert.True(Create().TryDiscover(Announcement[0], out var discovery));
        var messages = new List<MqttMessage>();

        var result = discovery.Devices[0].EncodeWrite(new AttributeWrite(ClusterIds.Thermostat, new Dictionary<int, AttributeValue> { [AttributeIds.Thermostat.OccupiedHeatingSetpoint] = 2150L }, EventSource.AppEngine), new AttributeTable(), messages);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([new MqttMessage("fake/office/set/temp", "21.5")], messages);
    }

    [Fact]
    public void TryDiscover_ConfigPublishedByLiberty_NotAdoptedBack()
    {
        var config = """{"name":"lamp","schema":"json","cmd_t":"liberty/gw1/lamp/set","stat_t":"liberty/gw1/lamp/state","dev":{"ids":["x"],"mf":"Liberty Cluster"}}""";

        Assert.True(Create().TryDiscover(new MqttMessage("homeassistant/light/liberty_gw1/lamp/config", config), out var discovery));

        Assert.Empty(discovery.Devices);
        Assert.Empty(discovery.Skipped);
    }

    [Fact]
    public void TryDiscover_UnsupportedTemplate_SkippedWithReason()
    {
        var config = """{"name":"Odd","stat_t":"x/state","dev_cla":"temperature","val_tpl":"{{ (value_json.t * 2) }}"}""";

        Assert.True(Create().TryDiscover(new MqttMessage("homeassistant/sensor/odd/config", config), out var discovery));

        Assert.Empty(discovery.Devices);
        Assert.Contains("not one Liberty can apply", Assert.Single(discovery.Skipped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ value }}", " 21.5 ", "21.5")]
    [InlineData("{{ value_json.a.b }}", """{"a":{"b":3}}""", "3")]
    [InlineData("{{value_json[\"t\"]|round(1)}}", """{"t":"x"}""", "x")]
    public void Template_SupportedForms_SelectTheValue(string template, string payload, string expected)
    {
        Assert.Equal(expected, HomeAssistantTemplate.Apply(template, payload, out var error));
        Assert.Null(error);
    }
}
