using Liberty.Devices.Clusters;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Devices.Model;

namespace Liberty.Tests.Mqtt;

public sealed class Zigbee2MqttSourceTests : MqttDiscoverySourceContract
{
    private protected override IMqttDiscoverySource Create() => new Zigbee2MqttSource(new Zigbee2MqttOptions());

    private protected override MqttMessage[] Announcement => [new("zigbee2mqtt/bridge/devices", FakeBridge.Zigbee2MqttDevicesJson, Retain: true)];

    private protected override (string Name, int Type, int[] Clusters)[] Expected =>
    [
        ("living-lamp", DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level]),
        ("plug", DeviceTypes.OnOffLight, [ClusterIds.OnOff]),
        ("radiator", DeviceTypes.Thermostat, [ClusterIds.Thermostat]),
        ("hall-sensor", DeviceTypes.TemperatureSensor, [ClusterIds.TemperatureMeasurement]),
    ];

    private protected override MqttMessage Malformed => new("zigbee2mqtt/bridge/devices", """{"not":"a list"}""");

    private protected override MqttMessage Withdrawal => new("zigbee2mqtt/bridge/devices", "[]");

    private protected override MqttMessage Unrelated => new("zigbee2mqtt/plug", """{"state":"ON"}""");

    [Fact]
    public void TryDiscover_DeviceWithoutKnownClusters_SkippedWithReason()
    {
        Assert.True(Create().TryDiscover(Announcement[0], out var discovery));

        Assert.Equal(["'button': none of its clusters is one Liberty knows (On/Off, Level, Temperature, Thermostat)"], discovery.Skipped);
    }

    [Theory]
    [InlineData("online", true)]
    [InlineData("offline", false)]
    [InlineData("""{"state":"online"}""", true)]
    [InlineData("""{"state":"offline"}""", false)]
    public void Decode_AvailabilityPlainOrJson_Available(string payload, bool available)
    {
        var device = new Zigbee2MqttDevice("zigbee2mqtt", "plug", DeviceTypes.OnOffLight, [ClusterIds.OnOff]);
        var update = new MqttUpdate();

        device.Decode(new MqttMessage("zigbee2mqtt/plug/availability", payload), update);

        Assert.Equal(available, update.Available);
        Assert.Null(update.BridgeAvailable);
    }

    [Fact]
    public void Decode_BridgeState_BridgeAvailability()
    {
        var device = new Zigbee2MqttDevice("zigbee2mqtt", "plug", DeviceTypes.OnOffLight, [ClusterIds.OnOff]);
        var update = new MqttUpdate();

        device.Decode(new MqttMessage("zigbee2mqtt/bridge/state", "offline"), update);

        Assert.Equal(false, update.BridgeAvailable);
        Assert.Null(update.Available);
    }

    [Fact]
    public void Decode_LightOffWithBrightness_LevelZero()
    {
        var device = new Zigbee2MqttDevice("zigbee2mqtt", "lamp", DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level]);
        var off = new MqttUpdate();
        var on = new MqttUpdate();

        device.Decode(new MqttMessage("zigbee2mqtt/lamp", """{"state":"OFF","brightness":254}"""), off);
        device.Decode(new MqttMessage("zigbee2mqtt/lamp", """{"state":"ON","brightness":254}"""), on);

        Assert.Contains((ClusterIds.Level, AttributeIds.Level.CurrentLevel, (AttributeValue)0L), off.Values);
        Assert.Contains((ClusterIds.Level, AttributeIds.Level.CurrentLevel, (AttributeValue)255L), on.Values);
    }

    [Theory]
    [InlineData(CommandIds.Level.MoveToLevel, new long[] { 128, 20 }, """{"brightness":127,"transition":2}""")]
    [InlineData(CommandIds.Level.MoveToLevelWithOnOff, new long[] { 0, 0 }, """{"state":"OFF"}""")]
    [InlineData(CommandIds.Level.Move, new long[] { 1, 50 }, """{"brightness_move":-50}""")]
    public void Encode_LevelCommands_Zigbee2MqttSetPayloads(int command, long[] arguments, string payload)
    {
        var device = new Zigbee2MqttDevice("zigbee2mqtt", "lamp", DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level]);
        var messages = new List<MqttMessage>();

        var result = device.Encode(new DeviceCommand(ClusterIds.Level, command, [.. arguments.Select(static a => (AttributeValue)a)], EventSource.AppEngine), new AttributeTable(), messages);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal([new MqttMessage("zigbee2mqtt/lamp/set", payload)], messages);
    }
}
