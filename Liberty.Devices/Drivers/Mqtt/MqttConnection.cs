using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The node's one connection to its broker, on MQTTnet's client (MQTTnet 5 has no managed client, so the reconnect loop
/// and the outbox are here): connects, re-subscribes every filter after each connect, waits with a doubling back-off
/// between attempts, and sends the outbox in order while connected.
/// </summary>
/// <remarks>
/// <para><b>Delivery:</b> commands are sent at most once. A message is taken from the outbox only while connected and
/// is never sent again, even if the connection drops while it is being written (the command then times out at the
/// device actor, as a device that did not answer); messages queued while the broker is away wait for it unless they
/// expire first. Retained configuration is republished by its owner after every connect.</para>
/// <para><b>Logging:</b> a broker that stays down is logged at the first failure, then only when the error changes or
/// every <see cref="WarningRepeat"/>; each connect and each lost connection once.</para>
/// <para><b>Thread:</b> <see cref="TryPublish"/> and <see cref="Subscribe"/> from any thread; <see cref="Received"/>
/// and <see cref="StateChanged"/> are raised on MQTTnet's or the loop's threads (handlers only hand over, e.g. tell an
/// actor). <b>Cancellation:</b> <see cref="DisposeAsync"/> stops both loops and disconnects; queued messages are
/// dropped. <b>Ordering:</b> messages are published in the order they were accepted.</para>
/// </remarks>
internal sealed class MqttConnection : IMqttPublisher, IAsyncDisposable
{
    /// <summary>How often a broker that stays down with the same error is logged again.</summary>
    public static readonly TimeSpan WarningRepeat = TimeSpan.FromMinutes(5);

    private readonly MqttOptions _options;
    private readonly string _host;
    private readonly int _port;
    private readonly string _clientId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly Channel<MqttOutgoing> _outbox;
    private readonly CancellationTokenSource _stop = new();

    // Written and read under _lock: the subscriptions, whether connected, and the signal the sender waits on.
    private readonly Lock _lock = new();
    private readonly HashSet<string> _subscriptions = new(StringComparer.Ordinal);
    private bool _connected;
    private TaskCompletionSource _connectedSignal = NewSignal();
    private TaskCompletionSource _disconnectedSignal = NewSignal();

    private long _refused;
    private int _failures;
    private long _sent;
    private long _connects;
    private long _outboxFullLoggedAt = long.MinValue;
    private Task? _loop;
    private Task? _sender;

    /// <summary>Creates the connection (not started).</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="host">The broker's host.</param>
    /// <param name="port">The broker's port.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="time">The node's clock (back-off waits and expiry).</param>
    /// <param name="logger">Where it logs.</param>
    public MqttConnection(MqttOptions options, string host, int port, string clientId, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _host = host;
        _port = port;
        _clientId = clientId;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceived;
        _client.DisconnectedAsync += OnDisconnected;
        _outbox = Channel.CreateBounded<MqttOutgoing>(new BoundedChannelOptions(options.OutboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Raised for every message received. Set before <see cref="Start"/>.</summary>
    public Action<MqttMessage>? Received { get; set; }

    /// <summary>Raised when the connection comes up or goes down. Set before <see cref="Start"/>.</summary>
    public Action<MqttConnectionChanged>? StateChanged { get; set; }

    /// <summary>The broker as <c>host:port</c>, for messages.</summary>
    public string Broker => $"{_host}:{_port}";

    /// <summary>Whether the connection is up now.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _connected;
            }
        }
    }

    /// <summary>How many times the connection came up.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Failed connection attempts since the last successful connect.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Messages refused because the outbox was full.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Messages handed to the broker.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Starts the reconnect loop and the sender. Call once.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The MQTT connection was already started.");
        }
        _loop = Task.Run(() => RunAsync(_stop.Token));
        _sender = Task.Run(() => SendAsync(_stop.Token));
    }

    /// <summary>Waits until the connection is up (tests, the embedded broker's first connect).</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>When connected.</returns>
    public Task WhenConnectedAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_lock)
        {
            signal = _connectedSignal.Task;
        }
        return signal.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public bool TryPublish(MqttMessage message, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_outbox.Writer.TryWrite(new MqttOutgoing(message, expires)))
        {
            return true;
        }
        var refused = Interlocked.Increment(ref _refused);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _outboxFullLoggedAt);
        if (last == long.MinValue || _time.GetElapsedTime(last, now) >= WarningRepeat)
        {
            Interlocked.Exchange(ref _outboxFullLoggedAt, now);
            MqttLog.OutboxFull(_logger, _options.OutboxCapacity, message.Topic, refused);
        }
        return false;
    }

    /// <inheritdoc />
    public void Subscribe(string filter)
    {
        ArgumentException.ThrowIfNullOrEmpty(filter);
        bool now;
        lock (_lock)
        {
            now = _subscriptions.Add(filter) && _connected;
        }
        if (now)
        {
            _ = SubscribeAsync([filter], _stop.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        foreach (var task in new[] { _loop, _sender })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                // Going away anyway: the broker sees a dropped connection instead of a clean one.
            }
        }
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = _options.ReconnectMinDelay;
        var failures = 0;
        string? lastReason = null;
        long lastWarning = 0;
        while (!stop.IsCancellationRequested)
        {
            Task disconnected;
            TaskCompletionSource connectedSignal;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                attempt.CancelAfter(_options.ConnectTimeout);
                await _client.ConnectAsync(BuildOptions(), attempt.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException
                or MQTTnet.Adapter.MqttConnectingFailedException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                failures++;
                Volatile.Write(ref _failures, failures);
                var reason = Reason(e);
                var now = _time.GetTimestamp();
                if (failures == 1 || reason != lastReason || _time.GetElapsedTime(lastWarning, now) >= WarningRepeat)
                {
                    MqttLog.ConnectFailed(_logger, Broker, failures, delay, reason);
                    lastReason = reason;
                    lastWarning = now;
                }
                if (!await WaitAsync(delay, stop).ConfigureAwait(false))
                {
                    return;
                }
                delay = delay * 2 > _options.ReconnectMaxDelay ? _options.ReconnectMaxDelay : delay * 2;
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _connects);
            if (failures == 0)
            {
                MqttLog.Connected(_logger, Broker, _clientId);
            }
            else
            {
                MqttLog.Reconnected(_logger, Broker, _clientId, failures);
            }
            failures = 0;
            Volatile.Write(ref _failures, 0);
            lastReason = null;
            delay = _options.ReconnectMinDelay;
            string[] filters;
            lock (_lock)
            {
                _connected = true;
                filters = [.. _subscriptions];
                disconnected = _disconnectedSignal.Task;
                connectedSignal = _connectedSignal;
            }
            await SubscribeAsync(filters, stop).ConfigureAwait(false);
            StateChanged?.Invoke(new MqttConnectionChanged(true, $"connected to {Broker}"));
            if (disconnected.IsCompleted)
            {
                // Lost while subscribing: the loss was announced before the connect; say it again last.
                StateChanged?.Invoke(new MqttConnectionChanged(false, $"lost the connection to {Broker}"));
            }
            // The signal of this connection: after a loss OnDisconnected has put a fresh one in its place.
            connectedSignal.TrySetResult();
            await disconnected.WaitAsync(stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested)
            {
                return;
            }
            // A broker that went away on purpose usually comes back quickly: the first retry waits the minimum.
            if (!await WaitAsync(delay, stop).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private Task OnDisconnected(MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected)
        {
            return Task.CompletedTask;
        }
        TaskCompletionSource signal;
        lock (_lock)
        {
            _connected = false;
            signal = _disconnectedSignal;
            _disconnectedSignal = NewSignal();
            _connectedSignal = NewSignal();
        }
        if (!_stop.IsCancellationRequested)
        {
            var reason = e.Exception is { } error ? Reason(error) : e.ReasonString ?? e.Reason.ToString();
            MqttLog.ConnectionLost(_logger, Broker, reason);
            StateChanged?.Invoke(new MqttConnectionChanged(false, $"lost the connection to {Broker}: {reason}"));
        }
        signal.TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnReceived(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        Received?.Invoke(new MqttMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync(string[] filters, CancellationToken stop)
    {
        if (filters.Length == 0)
        {
            return;
        }
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(filter);
        }
        try
        {
            await _client.SubscribeAsync(builder.Build(), stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // The next connect subscribes every filter again.
            if (!stop.IsCancellationRequested)
            {
                MqttLog.SubscribeFailed(_logger, string.Join(", ", filters), Reason(e));
            }
        }
    }

    private async Task SendAsync(CancellationToken stop)
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                Task connected;
                lock (_lock)
                {
                    connected = _connectedSignal.Task;
                }
                await connected.WaitAsync(stop).ConfigureAwait(false);
                if (!_outbox.Reader.TryRead(out var item))
                {
                    continue;
                }
                if (item.Expires is { } expires && _time.GetUtcNow() > expires)
                {
                    MqttLog.Expired(_logger, item.Message.Topic);
                    continue;
                }
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(item.Message.Topic)
                    .WithPayload(item.Message.Payload)
                    .WithRetainFlag(item.Message.Retain)
                    .Build();
                try
                {
                    await _client.PublishAsync(message, stop).ConfigureAwait(false);
                    Interlocked.Increment(ref _sent);
                }
                catch (Exception e) when (!stop.IsCancellationRequested && e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or IOException)
                {
                    // At most once: not sent again (see the remarks).
                    MqttLog.PublishFailed(_logger, item.Message.Topic, Reason(e));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_clientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);
        if (!string.IsNullOrEmpty(_options.Broker.Username))
        {
            builder.WithCredentials(_options.Broker.Username, _options.Broker.Password ?? "");
        }
        if (_options.Broker.UseTls)
        {
            var allowUntrusted = _options.Broker.AllowUntrustedCertificate;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (allowUntrusted)
                {
                    tls.WithCertificateValidationHandler(static _ => true);
                }
            });
        }
        return builder.Build();
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Reason(Exception e) => (e.GetBaseException() is { } inner && inner != e ? $"{e.Message} ({inner.Message})" : e.Message).ReplaceLineEndings(" ");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
