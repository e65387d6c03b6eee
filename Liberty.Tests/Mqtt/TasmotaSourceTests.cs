using Liberty.Devices.Clusters;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Devices.Model;

namespace Liberty.Tests.Mqtt;

public sealed class TasmotaSourceTests : MqttDiscoverySourceContract
{
    private const string DimmerConfig = """
        {"dn":"Tasmota","fn":["Kitchen Dimmer",null],"hn":"kitchen-1234","mac":"A1B2C3D4E5F6","ofln":"Offline","onln":"Online",
         "state":["OFF","ON","TOGGLE","HOLD"],"t":"kitchen","ft":"%prefix%/%topic%/","tp":["cmnd","stat","tele"],"rl":[2,0],"lt_st":1}
        """;

    private protected override IMqttDiscoverySource Create() => new TasmotaSource(new TasmotaOptions());

    private protected override MqttMessage[] Announcement =>
    [
        new("tasmota/discovery/A1B2C3D4E5F6/config", DimmerConfig, Retain: true),
        new("tasmota/discovery/A1B2C3D4E5F6/sensors", """{"sn":{"AM2301":{"Temperature":21.5,"Humidity":40}},"ver":1}""", Retain: true),
    ];

    private protected override (string Name, int Type, int[] Clusters)[] Expected =>
        [("Kitchen-Dimmer", DeviceTypes.DimmableLight, [ClusterIds.OnOff, ClusterIds.Level, ClusterIds.TemperatureMeasurement])];

    private protected override MqttMessage Malformed => new("tasmota/discovery/A1B2C3D4E5F6/config", "{\"t\":");

    private protected override MqttMessage Withdrawal => new("tasmota/discovery/A1B2C3D4E5F6/config", "");

    private protected override MqttMessage Unrelated => new("stat/kitchen/RESULT", """{"POWER":"ON"}""");

    [Fact]
    public void TryDiscover_CustomFullTopic_DeviceUsesIt()
    {
        var source = Create();

        Assert.True(source.TryDiscover(new MqttMessage("tasmota/discovery/A1/config", DimmerConfig.Replace("%prefix%/%topic%/", "home/%topic%/%prefix%/", StringComparison.Ordinal)), out var discovery));

        var device = Assert.Single(discovery.Devices);
        Assert.Contains("home/kitchen/tele/LWT", device.Topics);
        var messages = new List<MqttMessage>();
        Assert.True(device.Encode(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.AppEngine), new AttributeTable(), messages).IsSuccess);
        Assert.Equal([new MqttMessage("home/kitchen/cmnd/POWER", "TOGGLE")], messages);
    }

    [Theory]
    [InlineData("tele/kitchen/LWT", "Offline", false)]
    [InlineData("tele/kitchen/LWT", "Online", true)]
    public void Decode_LastWill_Availability(string topic, string payload, bool available)
    {
        Assert.True(Create().TryDiscover(Announcement[0], out var discovery));
        var update = new MqttUpdate();

        discovery.Devices[0].Decode(new MqttMessage(topic, payload), update);

        Assert.Equal(available, update.Available);
    }

    [Fact]
    public void Decode_ResultWithPowerAndDimmer_OnOffAndLevel()
    {
        Assert.True(Create().TryDiscover(Announcement[0], out var discovery));
        var update = new MqttUpdate();

        discovery.Devices[0].Decode(new MqttMessage("stat/kitchen/RESULT", """{"POWER":"ON","Dimmer":50}"""), update);

        Assert.Equal([(ClusterIds.OnOff, AttributeIds.OnOff.State, (AttributeValue)true), (ClusterIds.Level, AttributeIds.Level.CurrentLevel, (AttributeValue)128L)], update.Values);
    }
}
