using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The broker a node can run itself (MQTTnet.Server), on loopback unless configured otherwise. Local, not durable:
/// retained messages and sessions live in memory and are gone when the node stops.
/// </summary>
internal sealed class EmbeddedMqttBroker : IAsyncDisposable
{
    /// <summary>How many messages the broker queues for one client that is behind before it drops the oldest.</summary>
    public const int PendingMessagesPerClient = 10_000;

    private readonly MqttServer _server;

    private EmbeddedMqttBroker(MqttServer server, IPAddress address, int port)
    {
        _server = server;
        Address = address;
        Port = port;
    }

    /// <summary>The address it listens on.</summary>
    public IPAddress Address { get; }

    /// <summary>Its port.</summary>
    public int Port { get; }

    /// <summary>Starts the broker.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="logger">Where it logs.</param>
    /// <returns>The running broker.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">The port is taken.</exception>
    public static async Task<EmbeddedMqttBroker> StartAsync(MqttEmbeddedBrokerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = IPAddress.Parse(options.Listen);
        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(options.Port)
            // MQTTnet keeps 250 messages per slow client by default and then drops the oldest; a bridge publishing
            // every device's retained state at once needs more room than that.
            .WithMaxPendingMessagesPerClient(PendingMessagesPerClient);
        // Only the configured address: no IPv6 "any" listener beside a loopback one.
        builder.WithDefaultEndpointBoundIPV6Address(IPAddress.Any.Equals(address) ? IPAddress.IPv6Any : IPAddress.None);
        var server = factory.CreateMqttServer(builder.Build());
        await server.StartAsync().ConfigureAwait(false);
        MqttLog.EmbeddedStarted(logger, options.Listen, options.Port);
        return new EmbeddedMqttBroker(server, address, options.Port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
