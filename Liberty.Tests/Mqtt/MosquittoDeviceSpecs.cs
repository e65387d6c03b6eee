using Liberty.Devices.Model;

namespace Liberty.Tests.Mqtt;

/// <summary>The MQTT device specs against a real Debian mosquitto the test starts (skipped, saying why, without it).</summary>
public sealed class MosquittoDeviceSpecs(ITestOutputHelper output) : MqttDeviceSpec(output)
{
    private MosquittoBroker? _broker;

    private protected override bool Embedded => false;

    private protected override int BrokerPort => (_broker ?? throw new InvalidOperationException("no broker")).Port;

    public override Task InitializeAsync()
    {
        if (MosquittoBroker.Unavailable is null)
        {
            _broker = MosquittoBroker.Start();
        }
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _broker?.Dispose();
    }

    [MosquittoFact]
    public Task Zigbee2Mqtt_BridgeDevicesRetained_AdoptedWithClustersAndTypes() => Zigbee2Mqtt_BridgeDevices_AdoptedWithClustersAndTypes();

    [MosquittoFact]
    public Task Tasmota_DiscoveryRetained_AdoptedWithClustersAndTypes() => Tasmota_Discovery_AdoptedWithClustersAndTypes();

    [MosquittoFact]
    public Task HomeAssistant_DiscoveryRetained_AdoptedWithClustersAndTypes() => HomeAssistant_Discovery_AdoptedWithClustersAndTypes();

    [MosquittoFact]
    public Task LuaTask_CommandsAdoptedDevices_SeesStateEchoesAsReports() => LuaTask_CommandsAdoptedDevices_SeesEchoesAsReports();

    [MosquittoFact]
    public Task Availability_Offline_SubscribersGetOkFalseEvents() => Availability_Offline_SubscribersGetOkFalse();

    [MosquittoFact]
    public Task Command_NoEchoWithinTimeout_OkFalseCommandEvent() => Command_NoEchoWithinTimeout_TaskGetsOkFalseCommandEvent();

    [MosquittoFact]
    public Task MalformedPayload_Repeated_LoggedOnceAndIgnored() => MalformedPayload_LoggedOnceAndIgnored();

    [MosquittoFact]
    public Task PublishDevices_On_OwnDevicesAppearUnderHomeAssistant() => PublishDevices_OwnDevicesAppearUnderHomeAssistant();

    [MosquittoFact]
    public async Task MosquittoPub_RetainedHomeAssistantSwitch_AdoptedAndFollowsState()
    {
        _broker!.Publish("homeassistant/switch/pump/config", """{"name":"Pump","cmd_t":"garden/pump/set","stat_t":"garden/pump/state"}""", retain: true);
        _broker.Publish("garden/pump/state", "ON", retain: true);
        await StartNode();

        await AwaitAttribute("Pump", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        _broker.Publish("garden/pump/state", "OFF");
        await AwaitAttribute("Pump", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
    }

    [MosquittoFact]
    public async Task BrokerRestart_NodeReconnects_NoDuplicateCommands()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();
        var plug = await AwaitDevice("plug", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.OnOff, 0, out _));
        Assert.True((await Command(plug, ClusterIds.OnOff, CommandIds.OnOff.Off)).Result.IsSuccess);
        var first = Bridge;

        _broker!.Restart();
        await AwaitDevice("plug", e => !e.Snapshot.Ok);
        // While the broker is away a command fails at once instead of waiting in the outbox for a late delivery.
        Assert.Equal(CommandStatus.Unreachable, (await Command(plug, ClusterIds.OnOff, CommandIds.OnOff.On)).Result.Status);
        await using var second = await FakeBridge.ConnectAsync(BrokerPort);
        await second.PublishZigbee2MqttAsync();
        await AwaitConditionAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return Service.Connection.Connects >= 2;
        }, Patience, TimeSpan.FromMilliseconds(50), "the node to reconnect");
        await AwaitDevice("plug", e => e.Snapshot.Ok);
        Assert.True((await Command(plug, ClusterIds.OnOff, CommandIds.OnOff.On)).Result.IsSuccess);

        Assert.Equal(["""{"state":"OFF"}"""], first.Received.Where(r => r.Topic == "zigbee2mqtt/plug/set").Select(r => r.Payload));
        Assert.Equal(["""{"state":"ON"}"""], second.Received.Where(r => r.Topic == "zigbee2mqtt/plug/set").Select(r => r.Payload));
        Assert.Single(Logs.With(2303));
    }
}
