using Akka.Actor;
using Liberty.Actors;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The MQTT part of a node, composed: the embedded broker (when enabled), the connection, the discovery sources, the
/// bridge actor that adopts and feeds devices, and the Home Assistant exporter (when publishing is on).
/// </summary>
/// <remarks>
/// Starting never waits for the broker: the node serves while the connection retries in the background.
/// <b>Thread:</b> start and dispose from one thread. <b>Cancellation:</b> dispose stops the connection and the broker;
/// the adopted devices stay (ok=false) until the actor system stops. <b>Ordering:</b> dispose is idempotent.
/// </remarks>
internal sealed class MqttService : IAsyncDisposable
{
    private readonly EmbeddedMqttBroker? _broker;
    private readonly ActorSystem _system;
    private int _disposed;

    private MqttService(ActorSystem system, EmbeddedMqttBroker? broker, MqttConnection connection, IActorRef bridge, IActorRef? exporter)
    {
        _system = system;
        _broker = broker;
        Connection = connection;
        Bridge = bridge;
        Exporter = exporter;
    }

    /// <summary>The connection to the broker.</summary>
    public MqttConnection Connection { get; }

    /// <summary>The bridge actor.</summary>
    public IActorRef Bridge { get; }

    /// <summary>The exporter actor, when publishing for Home Assistant is on.</summary>
    public IActorRef? Exporter { get; }

    /// <summary>Starts MQTT for a node.</summary>
    /// <param name="system">The node's actor system (its clock times the back-off).</param>
    /// <param name="node">The node's name.</param>
    /// <param name="options">Validated options with <see cref="MqttOptions.IsEnabled"/>.</param>
    /// <param name="commandTimeout">The device actors' command timeout.</param>
    /// <param name="registry">The device registry (adopts the devices).</param>
    /// <param name="directory">The device directory (the exporter reads it).</param>
    /// <param name="bus">The device event bus (the exporter listens on it).</param>
    /// <param name="loggerFactory">Where it logs.</param>
    /// <returns>The running service.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">The embedded broker's port is taken.</exception>
    public static async Task<MqttService> StartAsync(ActorSystem system, string node, MqttOptions options, TimeSpan commandTimeout, IActorRef registry,
        DeviceDirectory directory, DeviceEventBus bus, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<MqttService>();
        var broker = options.EmbeddedBroker.Enabled ? await EmbeddedMqttBroker.StartAsync(options.EmbeddedBroker, logger).ConfigureAwait(false) : null;
        var (host, port) = string.IsNullOrWhiteSpace(options.Broker.Host)
            ? (options.EmbeddedBroker.Listen is "0.0.0.0" or "::" ? "127.0.0.1" : options.EmbeddedBroker.Listen, options.EmbeddedBroker.Port)
            : (options.Broker.Host, options.Broker.Port);
        var connection = new MqttConnection(options, host, port, options.ClientIdFor(node), LibertyActorSystem.Clock(system), loggerFactory.CreateLogger<MqttConnection>());
        var sources = new List<IMqttDiscoverySource>();
        if (options.Zigbee2Mqtt.Enabled)
        {
            sources.Add(new Zigbee2MqttSource(options.Zigbee2Mqtt));
        }
        if (options.Tasmota.Enabled)
        {
            sources.Add(new TasmotaSource(options.Tasmota));
        }
        if (options.HomeAssistant.Discovery)
        {
            sources.Add(new HomeAssistantSource(options.HomeAssistant));
        }
        IActorRef? exporter = null;
        if (options.HomeAssistant.PublishDevices)
        {
            exporter = system.ActorOf(HomeAssistantExporter.Props(node, options.HomeAssistant, connection, directory, bus, loggerFactory.CreateLogger<HomeAssistantExporter>()), "mqtt-homeassistant");
            foreach (var filter in HomeAssistantExporter.SubscriptionsFor(node, options.HomeAssistant))
            {
                connection.Subscribe(filter);
            }
        }
        var ha = options.HomeAssistant;
        var bridge = system.ActorOf(MqttBridge.Props(node, connection, registry, exporter, topic => HomeAssistantExporter.IsExporterTopic(node, ha, topic), commandTimeout, sources, loggerFactory), "mqtt");
        foreach (var filter in sources.SelectMany(static s => s.Subscriptions))
        {
            connection.Subscribe(filter);
        }
        connection.Received = message => bridge.Tell(message);
        connection.StateChanged = change => bridge.Tell(change);
        connection.Start();
        return new MqttService(system, broker, connection, bridge, exporter);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await Connection.DisposeAsync().ConfigureAwait(false);
        _system.Stop(Bridge);
        if (Exporter is not null)
        {
            _system.Stop(Exporter);
        }
        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }
    }
}
