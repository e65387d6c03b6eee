using System.Globalization;
using System.Net.Sockets;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// A TCP client socket of a task (<c>Libre_IoNewTcp</c> / <c>Libre_NetNewTcp</c>), reusable across
/// reconnects: each <see cref="Connect"/> drops the previous connection. A finished connect shows as
/// writable; a refused, timed-out or not-allowed connect, a close by the peer or an error as a negative
/// event. Received bytes wait in a bounded buffer (<see cref="NetworkOptions.ReceiveBufferBytes"/>; when it
/// is full nothing more is received: TCP backpressure); writes go into a bounded send buffer
/// (<see cref="NetworkOptions.SendBufferBytes"/>) and may be partial.
/// </summary>
/// <remarks>Thread, cancellation and ordering: as <see cref="IoHandle"/>.</remarks>
public sealed class TcpHandle : IoHandle
{
    // All under Gate. _generation tells the completions of an older connection to keep quiet.
    private readonly ByteRing _receive;
    private readonly ByteRing _send;
    private TcpState _state;
    private int _generation;
    private Socket? _socket;
    private CancellationTokenSource? _connection;
    private TaskCompletionSource? _receiveSpace;
    private TaskCompletionSource? _sendData;
    private bool _connectedNotice;
    private bool _drainNotice;
    private bool _errorReported;
    private bool _disconnected;

    internal TcpHandle(IoService service, int id, TaskRun task)
        : base(service, id, task)
    {
        _receive = new ByteRing(service.Options.ReceiveBufferBytes);
        _send = new ByteRing(service.Options.SendBufferBytes);
        ConnectTimeout = service.Options.ConnectTimeout;
    }

    /// <summary>Timeout of the next connects; default <see cref="NetworkOptions.ConnectTimeout"/>. Zero or negative restores the default.</summary>
    public TimeSpan ConnectTimeout
    {
        get;
        set => field = value > TimeSpan.Zero ? value : Service.Options.ConnectTimeout;
    }

    /// <summary>The current connection's state.</summary>
    public TcpState State
    {
        get
        {
            lock (Gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// When true (the reactive API), <see cref="IoReadiness.Writable"/> means "a connect or drain notice is
    /// pending" (<see cref="TakeNotice"/>) instead of "the send buffer has room", so an always-armed
    /// handle is not woken endlessly.
    /// </summary>
    internal bool Reactive { get; set; }

    /// <summary>
    /// Starts connecting to <paramref name="host"/>:<paramref name="port"/>, dropping any current connection
    /// and its buffered data. Completion is readiness: writable when connected, a negative event when it
    /// failed (also when the destination is not allowed: <see cref="IoHandle.LastError"/> says so).
    /// </summary>
    /// <param name="host">Host name or IP address.</param>
    /// <param name="port">1 to 65535.</param>
    /// <returns>False when the handle is closed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The port is out of range.</exception>
    public bool Connect(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        int generation;
        CancellationToken token;
        TimeSpan timeout;
        Action? release;
        lock (Gate)
        {
            if (ClosedLocked)
            {
                return false;
            }
            release = DropConnectionLocked();
            generation = ++_generation;
            _state = TcpState.Connecting;
            _connection = new CancellationTokenSource();
            token = _connection.Token;
            timeout = ConnectTimeout;
        }
        release?.Invoke();
        Changed();
        _ = ConnectAsync(generation, host, port, timeout, token);
        return true;
    }

    /// <summary>True between <see cref="Disconnect"/> and the next connect: the app closed the connection and keeps the handle.</summary>
    public bool IsDisconnected
    {
        get
        {
            lock (Gate)
            {
                return _disconnected && !ClosedLocked;
            }
        }
    }

    /// <summary>
    /// Ends the current connection but keeps the handle (<c>Libre_IoClose</c>: real apps close, wait and connect the
    /// same fd again). The handle is then idle and quiet: an armed wait is woken by the next connect's completion, not
    /// by the close the app made itself; reads and writes answer "closed" meanwhile.
    /// </summary>
    /// <returns>False when the handle is closed.</returns>
    public bool Disconnect() => Reset(failure: null);

    /// <summary>
    /// Connects to LAN device <paramref name="deviceId"/> (<see cref="NetworkOptions.LanDevices"/>) like
    /// <see cref="Connect"/>; <paramref name="port"/> 0 uses the device's port. An unknown device or a
    /// missing port fails the connect (negative event, <see cref="IoHandle.LastError"/>).
    /// </summary>
    /// <param name="deviceId">The LAN device id.</param>
    /// <param name="port">The port, or 0 for the device's.</param>
    /// <returns>False when the handle is closed.</returns>
    public bool ConnectDevice(int deviceId, int port)
    {
        var device = Service.FindLanDevice(deviceId);
        var effective = port > 0 ? port : device?.Port ?? 0;
        if (device is null || effective is < 1 or > 65535)
        {
            return Reset(device is null
                ? string.Create(CultureInfo.InvariantCulture, $"unknown LAN device {deviceId} (Network:LanDevices)")
                : string.Create(CultureInfo.InvariantCulture, $"LAN device {deviceId} ({device.Name}) has no port and none was given"));
        }
        return Connect(device.Host, effective);
    }

    // Drops the connection and starts a new generation: failed with `failure` (a connect that cannot start), or, when
    // null, disconnected by the app. False when the handle is closed.
    private bool Reset(string? failure)
    {
        Action? release;
        lock (Gate)
        {
            if (ClosedLocked)
            {
                return false;
            }
            release = DropConnectionLocked();
            _generation++;
            if (failure is null)
            {
                _disconnected = true;
            }
            else
            {
                FailLocked(failure);
            }
        }
        release?.Invoke();
        if (failure is not null)
        {
            Service.LogRefused(this, failure);
        }
        Changed();
        return true;
    }

    /// <summary>Moves received bytes into <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to.</param>
    /// <returns>Bytes read (&gt; 0); <see cref="IoStatus.WouldBlock"/> when nothing is buffered yet (or
    /// <paramref name="destination"/> is empty); <see cref="IoStatus.Closed"/> at the end of the stream or
    /// when not connected; <see cref="IoStatus.Error"/> after a failure.</returns>
    public int Read(Span<byte> destination)
    {
        TaskCompletionSource? space = null;
        int n;
        lock (Gate)
        {
            if (_receive.Count > 0 && destination.Length > 0)
            {
                var wasFull = _receive.Free == 0;
                n = _receive.Read(destination);
                if (wasFull || _receiveSpace is not null)
                {
                    space = _receiveSpace;
                    _receiveSpace = null;
                }
            }
            else
            {
                n = ClosedLocked ? IoStatus.Closed : _state switch
                {
                    TcpState.Connected => IoStatus.WouldBlock,
                    TcpState.Connecting => IoStatus.WouldBlock,
                    TcpState.Failed => IoStatus.Error,
                    _ => IoStatus.Closed,
                };
            }
        }
        space?.TrySetResult();
        if (n > 0)
        {
            Changed();
        }
        return n;
    }

    /// <summary>Appends to the send buffer as much of <paramref name="data"/> as fits.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>Bytes accepted (&gt; 0; fewer than offered is a partial write); <see cref="IoStatus.WouldBlock"/>
    /// when the buffer is full or the connect is still under way; <see cref="IoStatus.Closed"/> when not
    /// connected; <see cref="IoStatus.Error"/> after a failure.</returns>
    public int Write(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource? wake = null;
        int n;
        lock (Gate)
        {
            if (ClosedLocked)
            {
                return IoStatus.Closed;
            }
            switch (_state)
            {
                case TcpState.Connected:
                    n = _send.Write(data);
                    if (n > 0)
                    {
                        wake = _sendData;
                        _sendData = null;
                    }
                    break;
                case TcpState.Connecting:
                    n = IoStatus.WouldBlock;
                    break;
                case TcpState.Failed:
                    n = IoStatus.Error;
                    break;
                default:
                    n = IoStatus.Closed;
                    break;
            }
        }
        wake?.TrySetResult();
        return n;
    }

    /// <summary>
    /// Reactive API: takes the next pending notice in order connected → data → drain → end.
    /// <see cref="TcpNotice.Data"/> is not taken (read the data with <see cref="Read"/>);
    /// <see cref="TcpNotice.None"/> when there is nothing.
    /// </summary>
    internal TcpNotice TakeNotice(out string? error)
    {
        error = null;
        lock (Gate)
        {
            if (_connectedNotice)
            {
                _connectedNotice = false;
                return TcpNotice.Connected;
            }
            if (_receive.Count > 0)
            {
                return TcpNotice.Data;
            }
            if (_drainNotice)
            {
                _drainNotice = false;
                return TcpNotice.Drained;
            }
            if (_errorReported || ClosedLocked)
            {
                return TcpNotice.None;
            }
            if (_state == TcpState.Failed)
            {
                _errorReported = true;
                error = LastErrorLocked;
                return TcpNotice.Failed;
            }
            if (_state == TcpState.PeerClosed)
            {
                _errorReported = true;
                return TcpNotice.Closed;
            }
            return TcpNotice.None;
        }
    }

    private protected override IoReadiness ComputeReadinessLocked()
    {
        var ready = _receive.Count > 0 ? IoReadiness.Readable : IoReadiness.None;
        if (Reactive)
        {
            if (_connectedNotice || _drainNotice)
            {
                ready |= IoReadiness.Writable;
            }
            if (!_errorReported && _receive.Count == 0)
            {
                ready |= _state switch
                {
                    TcpState.Failed => IoReadiness.Error,
                    TcpState.PeerClosed => IoReadiness.Closed,
                    _ => IoReadiness.None,
                };
            }
            return ready;
        }
        return _state switch
        {
            TcpState.Connected when _send.Free > 0 => ready | IoReadiness.Writable,
            // The end shows once the buffered data has been read.
            TcpState.PeerClosed when _receive.Count == 0 => IoReadiness.Readable | IoReadiness.Writable | IoReadiness.Closed,
            TcpState.Failed => IoReadiness.Readable | IoReadiness.Writable | IoReadiness.Error,
            // Disconnected by the app: nothing to hear until it connects again.
            TcpState.Idle when _disconnected => IoReadiness.None,
            // Never connected: reads and writes answer "closed" at once, so an armed wait hears it.
            TcpState.Idle => IoReadiness.Readable | IoReadiness.Writable | IoReadiness.Closed,
            _ => ready,
        };
    }

    private protected override Action? CloseLocked() => DropConnectionLocked();

    // Detaches the connection; the returned action cancels and disposes it outside the lock.
    private Action? DropConnectionLocked()
    {
        var connection = _connection;
        var socket = _socket;
        _connection = null;
        _socket = null;
        _receive.Clear();
        _send.Clear();
        _receiveSpace?.TrySetResult();
        _receiveSpace = null;
        _sendData?.TrySetResult();
        _sendData = null;
        _connectedNotice = false;
        _drainNotice = false;
        _errorReported = false;
        _disconnected = false;
        _state = TcpState.Idle;
        return connection is null && socket is null ? null : () => Release(connection, socket);
    }

    private static void Release(CancellationTokenSource? connection, Socket? socket)
    {
        connection?.Cancel();
        connection?.Dispose();
        socket?.Dispose();
    }

    // Marks the connection failed; the socket is detached and released by the caller outside the lock.
    private Socket? FailLocked(string error)
    {
        _state = TcpState.Failed;
        _errorReported = false;
        SetErrorLocked(error);
        var socket = _socket;
        _socket = null;
        return socket;
    }

    private void Fail(int generation, string error)
    {
        Socket? socket;
        lock (Gate)
        {
            if (generation != _generation || _state is TcpState.Failed or TcpState.Idle)
            {
                return;
            }
            socket = FailLocked(error);
        }
        // Disposing the socket ends its pending receive and send (they see the old generation and stop).
        socket?.Dispose();
        Service.LogFailed(this, error);
        Changed();
    }

    private async Task ConnectAsync(int generation, string host, int port, TimeSpan timeout, CancellationToken token)
    {
        var destination = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        using var deadline = new CancellationTokenSource(timeout, Service.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
        Socket? socket = null;
        try
        {
            var (addresses, error) = await Service.Policy.ResolveAsync(host, linked.Token).ConfigureAwait(false);
            if (addresses is null)
            {
                Service.LogRefused(this, error!);
                Fail(generation, error!);
                return;
            }
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            lock (Gate)
            {
                if (generation != _generation)
                {
                    socket.Dispose();
                    return;
                }
                _socket = socket;
            }
            await socket.ConnectAsync(addresses, port, linked.Token).ConfigureAwait(false);
            lock (Gate)
            {
                if (generation != _generation)
                {
                    return;
                }
                _state = TcpState.Connected;
                _connectedNotice = Reactive;
            }
            Changed();
            _ = ReceiveAsync(generation, socket, token);
            _ = SendAsync(generation, socket, token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !token.IsCancellationRequested)
        {
            Fail(generation, string.Create(CultureInfo.InvariantCulture, $"connect to {destination} timed out after {timeout.TotalSeconds:0.###} s"));
        }
        catch (OperationCanceledException)
        {
            // Closed or reconnected meanwhile: the new generation owns the state.
        }
        catch (SocketException ex)
        {
            Fail(generation, $"connect to {destination} failed: {ex.Message}");
        }
        catch (ObjectDisposedException)
        {
            // The socket was dropped by a close or reconnect.
        }
    }

    private async Task ReceiveAsync(int generation, Socket socket, CancellationToken token)
    {
        var chunk = new byte[Math.Min(16 * 1024, Service.Options.ReceiveBufferBytes)];
        try
        {
            while (true)
            {
                int room;
                Task? wait = null;
                lock (Gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }
                    room = _receive.Free;
                    if (room == 0)
                    {
                        _receiveSpace = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        wait = _receiveSpace.Task;
                    }
                }
                if (wait is not null)
                {
                    await wait.ConfigureAwait(false);
                    continue;
                }
                var n = await socket.ReceiveAsync(chunk.AsMemory(0, Math.Min(room, chunk.Length)), SocketFlags.None, token).ConfigureAwait(false);
                lock (Gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }
                    if (n == 0)
                    {
                        _state = TcpState.PeerClosed;
                    }
                    else
                    {
                        _receive.Write(chunk.AsSpan(0, n));
                    }
                }
                Changed();
                if (n == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException ex)
        {
            Fail(generation, $"receive failed: {ex.Message}");
        }
    }

    private async Task SendAsync(int generation, Socket socket, CancellationToken token)
    {
        var chunk = new byte[Math.Min(16 * 1024, Service.Options.SendBufferBytes)];
        try
        {
            while (true)
            {
                int n;
                Task? wait = null;
                lock (Gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }
                    n = _send.Peek(chunk);
                    if (n == 0)
                    {
                        _sendData = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        wait = _sendData.Task;
                    }
                }
                if (wait is not null)
                {
                    await wait.ConfigureAwait(false);
                    continue;
                }
                var sent = await socket.SendAsync(chunk.AsMemory(0, n), SocketFlags.None, token).ConfigureAwait(false);
                lock (Gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }
                    _send.Consume(sent);
                    if (_send.Count == 0 && Reactive)
                    {
                        _drainNotice = true;
                    }
                }
                Changed();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException ex)
        {
            Fail(generation, $"send failed: {ex.Message}");
        }
    }
}
