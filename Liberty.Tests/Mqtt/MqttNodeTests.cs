using System.Net;
using System.Net.Sockets;
using Liberty.Node.Hosting;
using Liberty.Tests.Management;

namespace Liberty.Tests.Mqtt;

/// <summary>A whole node with MQTT configured: it serves with its broker down, and adopted devices are API devices like any other.</summary>
public sealed class MqttNodeTests
{
    [Fact]
    public async Task StartAsync_BrokerDown_NodeStartsAndServes()
    {
        await using var node = await TestNode.StartAsync(o =>
        {
            o.Mqtt.Broker.Host = "127.0.0.1";
            o.Mqtt.Broker.Port = MosquittoBroker.FreePort();
        });

        using var health = await node.Anonymous.GetAsync(node.Url + "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var devices = await node.Http.GetAsync(node.Url + "/api/devices");
        Assert.Equal(HttpStatusCode.OK, devices.StatusCode);
    }

    [Fact]
    public async Task StartAsync_EmbeddedBroker_AdoptedDeviceListedAndCommandedThroughTheApi()
    {
        var port = MosquittoBroker.FreePort();
        await using var node = await TestNode.StartAsync(o =>
        {
            o.Mqtt.EmbeddedBroker.Enabled = true;
            o.Mqtt.EmbeddedBroker.Port = port;
        });
        await using var bridge = await FakeBridge.ConnectAsync(port);
        await bridge.PublishZigbee2MqttAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string list;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "node1/plug was not listed by the API");
            await Task.Delay(20);
            list = await node.Http.GetStringAsync(node.Url + "/api/devices");
        }
        while (!list.Contains("node1/plug", StringComparison.Ordinal));
        Assert.Contains("mqtt/zigbee2mqtt", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EmbeddedBrokerPortTaken_ExitCode1NamingTheSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var folder = TestNode.NewFolder();
        try
        {
            var options = TestNode.WithDefaults(new NodeOptions { DataFolder = folder, Http = { Listen = "127.0.0.1:0" } });
            options.Mqtt.EmbeddedBroker.Enabled = true;
            options.Mqtt.EmbeddedBroker.Port = port;

            var result = await LibertyNode.StartAsync(options, null, CancellationToken.None);

            Assert.Null(result.Node);
            Assert.Equal(LibertyNode.ExitStartFailed, result.ExitCode);
            Assert.Contains(result.Errors, e => e.StartsWith("Mqtt:EmbeddedBroker:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
