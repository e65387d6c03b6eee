namespace Liberty.Tests.Mqtt;

/// <summary>The MQTT device specs once more, against the broker the node runs itself (MQTTnet.Server on loopback).</summary>
public sealed class EmbeddedBrokerDeviceSpecs(ITestOutputHelper output) : MqttDeviceSpec(output)
{
    private readonly int _port = MosquittoBroker.FreePort();

    private protected override bool Embedded => true;

    private protected override int BrokerPort => _port;

    [Fact]
    public Task Zigbee2Mqtt_BridgeDevicesRetained_AdoptedWithClustersAndTypes() => Zigbee2Mqtt_BridgeDevices_AdoptedWithClustersAndTypes();

    [Fact]
    public Task Tasmota_DiscoveryRetained_AdoptedWithClustersAndTypes() => Tasmota_Discovery_AdoptedWithClustersAndTypes();

    [Fact]
    public Task HomeAssistant_DiscoveryRetained_AdoptedWithClustersAndTypes() => HomeAssistant_Discovery_AdoptedWithClustersAndTypes();

    [Fact]
    public Task LuaTask_CommandsAdoptedDevices_SeesStateEchoesAsReports() => LuaTask_CommandsAdoptedDevices_SeesEchoesAsReports();

    [Fact]
    public Task Availability_Offline_SubscribersGetOkFalseEvents() => Availability_Offline_SubscribersGetOkFalse();

    [Fact]
    public Task Command_NoEchoWithinTimeout_OkFalseCommandEvent() => Command_NoEchoWithinTimeout_TaskGetsOkFalseCommandEvent();

    [Fact]
    public Task MalformedPayload_Repeated_LoggedOnceAndIgnored() => MalformedPayload_LoggedOnceAndIgnored();

    [Fact]
    public Task PublishDevices_On_OwnDevicesAppearUnderHomeAssistant() => PublishDevices_OwnDevicesAppearUnderHomeAssistant();
}
