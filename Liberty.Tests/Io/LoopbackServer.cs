using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liberty.Tests.Io;

/// <summary>A TCP server on 127.0.0.1 (port chosen by the system, or given to restart one) that a spec drives one connection at a time.</summary>
public sealed class LoopbackServer : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;
    private readonly List<Socket> _accepted = [];
    private Socket? _current;
    private readonly StringBuilder _pending = new();

    /// <summary>Listens on <paramref name="port"/> (0: a free port the system picks; a stopped server's port to restart it).</summary>
    public LoopbackServer(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Waits for the next connection and makes it the current one.</summary>
    public async Task AcceptAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            _current = await _listener.AcceptSocketAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected a connection to port {Port} within {Timeout.TotalSeconds} s, none came");
        }
        _accepted.Add(_current!);
        _pending.Clear();
    }

    public async Task SendAsync(string text)
    {
        Assert.NotNull(_current);
        await _current.SendAsync(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Reads until <paramref name="terminator"/>; returns the text before it.</summary>
    public async Task<string> ReadUntilAsync(char terminator = '\r')
    {
        Assert.NotNull(_current);
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[256];
        while (true)
        {
            var text = _pending.ToString();
            var at = text.IndexOf(terminator, StringComparison.Ordinal);
            if (at >= 0)
            {
                _pending.Remove(0, at + 1);
                return text[..at];
            }
            int n;
            try
            {
                n = await _current.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"expected a line ending in {(int)terminator} within {Timeout.TotalSeconds} s; got \"{text}\"");
                throw;
            }
            Assert.True(n > 0, $"the client closed the connection; got \"{text}\" before");
            _pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        Assert.NotNull(_current);
        using var cts = new CancellationTokenSource(Timeout);
        var data = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await _current.ReceiveAsync(data.AsMemory(read), SocketFlags.None, cts.Token);
            Assert.True(n > 0, $"the client closed after {read} of {count} bytes");
            read += n;
        }
        return data;
    }

    /// <summary>Waits until the client closes the current connection (a receive returns 0).</summary>
    public async Task ExpectClosedAsync()
    {
        Assert.NotNull(_current);
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[256];
        try
        {
            while (await _current.ReceiveAsync(buffer, SocketFlags.None, cts.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected the client to close its connection within {Timeout.TotalSeconds} s");
        }
        catch (SocketException)
        {
            // Reset by the client: closed too.
        }
    }

    /// <summary>Closes the current connection from the server's side.</summary>
    public void Drop()
    {
        _current?.Shutdown(SocketShutdown.Both);
        _current?.Dispose();
        _current = null;
    }

    public void Dispose()
    {
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }
        _listener.Stop();
        _listener.Dispose();
    }
}
