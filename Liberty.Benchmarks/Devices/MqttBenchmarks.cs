using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Liberty.Actors;
using Liberty.Benchmarks.Kernel;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace Liberty.Benchmarks.Devices;

/// <summary>
/// MQTT devices on loopback, through the node's embedded broker (MQTTnet.Server) and a Zigbee2MQTT-style plug that a
/// second client plays. <see cref="StateReports"/>: state messages published by the plug per second, each one through
/// the broker, the node's connection, the bridge actor and the device actor, until the bus has delivered it as an
/// attribute report to a subscriber ("k reports/s"; a Lua thread's share of a delivery is measured by
/// <see cref="LuaThreadFanOutBenchmarks"/>). <see cref="CommandRoundTrip"/>: a command sent to the device actor until its
/// result, i.e. published, echoed by the plug as its new state and matched ("µs p50" and "µs p99", one at a time).
/// </summary>
[Config(typeof(Config))]
public class MqttBenchmarks : IDisposable
{
    private const int Reports = 2_000;
    private const int Commands = 200;
    private const string P50 = "µs p50";
    private const string P99 = "µs p99";

    private ActorSystem _system = null!;
    private MqttService _service = null!;
    private IMqttClient _plug = null!;
    private DeviceEntry _device = null!;
    private CountdownEvent _reports = null!;
    private bool _on;

    [GlobalSetup]
    public void Setup()
    {
        _system = LibertyActorSystem.Create("mqtt");
        var port = FreePort();
        var options = new MqttOptions { EmbeddedBroker = { Enabled = true, Port = port }, OutboxCapacity = 10_000 };
        var bus = new DeviceEventBus();
        var directory = new DeviceDirectory();
        var actorOptions = new DeviceActorOptions();
        var registry = _system.ActorOf(DeviceRegistry.Props("gw1", new DevicesOptions(), actorOptions, bus, directory, NullLoggerFactory.Instance));
        _service = MqttService.StartAsync(_system, "gw1", options, actorOptions.CommandTimeout, registry, directory, bus, NullLoggerFactory.Instance).GetAwaiter().GetResult();
        _service.Connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();

        // The plug: echoes every /set as its new state, as Zigbee2MQTT does.
        _plug = new MqttClientFactory().CreateMqttClient();
        _plug.ApplicationMessageReceivedAsync += e => _plug.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("zigbee2mqtt/plug").WithPayload(e.ApplicationMessage.Payload).Build());
        _plug.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-plug").Build()).GetAwaiter().GetResult();
        _plug.SubscribeAsync("zigbee2mqtt/plug/set").GetAwaiter().GetResult();
        Publish("zigbee2mqtt/bridge/devices", """[{"friendly_name":"plug","type":"Router","endpoints":{"1":{"clusters":{"input":["genOnOff"]}}}}]""");
        var deadline = Stopwatch.StartNew();
        while (!directory.TryFind("gw1/plug", out _device!) || !_device.Snapshot.Ok)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("the plug was not adopted");
            }
            Thread.Sleep(10);
        }
        _reports = new CountdownEvent(Reports);
        bus.Subscribe(_device.Info.Id.Value, new ActorDeviceEventSink(_system.ActorOf(Props.Create(() => new Counter(_reports)))));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plug.DisconnectAsync().GetAwaiter().GetResult();
        _plug.Dispose();
        _service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _system.Terminate().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Reports)]
    public void StateReports()
    {
        _reports.Reset(Reports);
        for (var i = 0; i < Reports; i++)
        {
            // Alternating, so that every message changes the attribute and is reported.
            _on = !_on;
            Publish("zigbee2mqtt/plug", _on ? """{"state":"ON"}""" : """{"state":"OFF"}""");
        }
        if (!_reports.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"{_reports.CurrentCount} of {Reports} reports did not arrive");
        }
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public void CommandRoundTrip()
    {
        var latencies = new double[Commands];
        for (var i = 0; i < Commands; i++)
        {
            _on = !_on;
            var command = new DeviceCommand(ClusterIds.OnOff, _on ? CommandIds.OnOff.On : CommandIds.OnOff.Off, [], EventSource.ManualRemote);
            var start = Stopwatch.GetTimestamp();
            var result = _device.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(command), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (!result.Result.IsSuccess)
            {
                throw new InvalidOperationException(result.Result.Message);
            }
        }
        Array.Sort(latencies);
        KernelFigures.Record(nameof(CommandRoundTrip), P50, latencies[latencies.Length / 2]);
        KernelFigures.Record(nameof(CommandRoundTrip), P99, latencies[(int)(latencies.Length * 0.99)]);
    }

    public void Dispose()
    {
        _reports?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Publish(string topic, string payload) =>
        _plug.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build()).GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Counter(CountdownEvent done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is DeviceEvent { Type: EventType.AttributeReport } && !done.IsSet)
            {
                done.Signal();
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(KernelConfigs.ScenarioJob());
            AddColumn(new RateColumn("k reports/s", 1e3));
            AddColumn(new FigureColumn(P50));
            AddColumn(new FigureColumn(P99));
        }
    }
}
