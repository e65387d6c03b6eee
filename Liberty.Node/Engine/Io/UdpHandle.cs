using System.Net;
using System.Net.Sockets;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// A bound UDP socket of a task (<c>Libre_NetNewUdp</c>). Readable while datagrams are queued (at most
/// <see cref="NetworkOptions.UdpQueueLength"/>; more are dropped and counted, as UDP may); always
/// writable while open. Sends go only to allowed destinations; with the broadcast flag also to
/// 255.255.255.255.
/// </summary>
/// <remarks>Thread, cancellation and ordering: as <see cref="IoHandle"/>.</remarks>
public sealed class UdpHandle : IoHandle
{
    // Under Gate.
    private readonly Queue<UdpDatagram> _queue = new();
    private readonly Socket _socket;
    private readonly CancellationTokenSource _closing = new();
    private bool _failed;
    private long _dropped;

    internal UdpHandle(IoService service, int id, TaskRun task, Socket socket, bool broadcast)
        : base(service, id, task)
    {
        _socket = socket;
        Broadcast = broadcast;
        LocalPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The bound port (the one asked for, or the one the system chose for 0).</summary>
    public int LocalPort { get; }

    /// <summary>True when sending to 255.255.255.255 is allowed.</summary>
    public bool Broadcast { get; }

    /// <summary>Datagrams dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Takes the oldest queued datagram.</summary>
    /// <param name="datagram">The datagram, or null.</param>
    /// <returns>False when none is queued.</returns>
    public bool TryReceive(out UdpDatagram? datagram)
    {
        bool taken;
        lock (Gate)
        {
            taken = _queue.TryDequeue(out datagram);
        }
        if (taken)
        {
            Changed();
        }
        return taken;
    }

    /// <summary>Sends one datagram to <paramref name="destination"/> ("ip:port") without blocking.</summary>
    /// <param name="data">The datagram.</param>
    /// <param name="destination">"ip:port" ("[v6]:port" for IPv6).</param>
    /// <param name="error">Why it was not sent.</param>
    /// <returns>Bytes sent; <see cref="IoStatus.WouldBlock"/> when the socket buffer is full;
    /// <see cref="IoStatus.Closed"/> when closed; <see cref="IoStatus.Error"/> with <paramref name="error"/>
    /// for a bad or refused destination or a socket error.</returns>
    public int SendTo(ReadOnlySpan<byte> data, string destination, out string? error)
    {
        error = null;
        if (!IPEndPoint.TryParse(destination ?? "", out var endPoint) || endPoint.Port == 0)
        {
            error = $"\"{destination}\" is not an \"ip:port\" destination";
            return IoStatus.Error;
        }
        var broadcast = endPoint.Address.Equals(IPAddress.Broadcast);
        if (broadcast ? !Broadcast : !Service.Policy.IsAllowed(endPoint.Address))
        {
            error = broadcast ? "broadcast is not enabled on this UDP socket" : NetworkPolicy.Refusal(destination!);
            Service.LogRefused(this, error);
            return IoStatus.Error;
        }
        lock (Gate)
        {
            if (ClosedLocked)
            {
                return IoStatus.Closed;
            }
            try
            {
                return _socket.SendTo(data, SocketFlags.None, endPoint);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                return IoStatus.WouldBlock;
            }
            catch (SocketException ex)
            {
                error = $"send to {destination} failed: {ex.Message}";
                return IoStatus.Error;
            }
        }
    }

    internal void Start() => _ = ReceiveAsync();

    private protected override IoReadiness ComputeReadinessLocked() =>
        _failed ? IoReadiness.Readable | IoReadiness.Writable | IoReadiness.Error
        : _queue.Count > 0 ? IoReadiness.Readable | IoReadiness.Writable
        : IoReadiness.Writable;

    private protected override Action? CloseLocked()
    {
        _queue.Clear();
        return () =>
        {
            _closing.Cancel();
            _socket.Dispose();
        };
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65536];
        var any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _closing.Token).ConfigureAwait(false);
                var datagram = new UdpDatagram(buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
                lock (Gate)
                {
                    if (_queue.Count >= Service.Options.UdpQueueLength)
                    {
                        Interlocked.Increment(ref _dropped);
                        continue;
                    }
                    _queue.Enqueue(datagram);
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
            lock (Gate)
            {
                _failed = true;
                SetErrorLocked($"UDP receive failed: {ex.Message}");
            }
            Changed();
        }
    }
}
