using System.Buffers;
using System.Net;
using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The reactive API's state of one socket (kept in <see cref="IoHandle.Tag"/>): the thread whose callbacks it
/// feeds, and what the event being routed carries to its callback.
/// </summary>
/// <remarks><b>Thread:</b> the cooperative thread only (API callbacks).</remarks>
internal sealed class LuaNetSocket(IoHandle handle)
{
    private bool _udpErrorReported;

    // A UDP socket can be used as soon as it exists: Ready is reported once, first (apps send from their Ready callback).
    private bool _readyPending = handle is UdpHandle;

    public IoHandle Handle { get; } = handle;

    /// <summary>The thread that last set a callback or connected: its reactive loop gets the events.</summary>
    public LuaThread? Thread { get; set; }

    public byte[]? PendingData { get; private set; }

    public IPEndPoint? PendingFrom { get; private set; }

    public HttpResult? PendingResponse { get; private set; }

    public string? PendingError { get; private set; }

    /// <summary>Arms the handle for <see cref="Thread"/> with the reactive interest of its kind.</summary>
    public void Rearm()
    {
        if (Thread is { } thread)
        {
            // A reactive TCP handle is writable only while a connect or drain notice is pending; UDP is always
            // writable, so only its datagrams (readable) wake the thread, once its Ready has been reported.
            Handle.Arm(thread.Context, Handle is TcpHandle || _readyPending ? IoReadiness.Readable | IoReadiness.Writable : IoReadiness.Readable);
        }
    }

    /// <summary>Takes the next condition to report (and its payload), or null when nothing is pending.</summary>
    public LuaNetEvent? Take()
    {
        PendingData = null;
        PendingFrom = null;
        PendingResponse = null;
        PendingError = null;
        switch (Handle)
        {
            case TcpHandle tcp:
                switch (tcp.TakeNotice(out var error))
                {
                    case TcpNotice.Connected:
                        return LuaNetEvent.Ready;
                    case TcpNotice.Data:
                        var chunk = ArrayPool<byte>.Shared.Rent(LuaIoArgs.MaxChunk);
                        try
                        {
                            var n = tcp.Read(chunk.AsSpan(0, LuaIoArgs.MaxChunk));
                            if (n <= 0)
                            {
                                return null;
                            }
                            PendingData = chunk.AsSpan(0, n).ToArray();
                            return LuaNetEvent.Data;
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    case TcpNotice.Drained:
                        return LuaNetEvent.Drain;
                    case TcpNotice.Closed:
                        return LuaNetEvent.Closed;
                    case TcpNotice.Failed:
                        PendingError = error ?? tcp.LastError ?? "the connection failed";
                        return LuaNetEvent.Error;
                    default:
                        return null;
                }
            case UdpHandle udp:
                if (_readyPending)
                {
                    _readyPending = false;
                    return LuaNetEvent.Ready;
                }
                if (udp.TryReceive(out var datagram))
                {
                    PendingData = datagram!.Data;
                    PendingFrom = datagram.From;
                    return LuaNetEvent.Data;
                }
                if ((udp.Readiness & IoReadiness.Error) != 0 && !_udpErrorReported)
                {
                    _udpErrorReported = true;
                    PendingError = udp.LastError ?? "the socket failed";
                    return LuaNetEvent.Error;
                }
                return null;
            case HttpHandle http:
                var failed = http.HasUnreportedFailure;
                if (http.TryTakeResponse(out var response))
                {
                    PendingResponse = response;
                    return LuaNetEvent.HttpResponse;
                }
                if (failed)
                {
                    PendingError = http.LastError ?? "the request failed";
                    return LuaNetEvent.HttpResponse;
                }
                return null;
            default:
                return null;
        }
    }
}
