using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liberty.Tests.Io;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 for the specs: answers every request with 200 and a body
/// "METHOD PATH x-test=VALUE body=BODY" (status 404 for the path /missing), then closes the connection.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A gate the next response waits for when set (to keep a request outstanding).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
        Hold?.TrySetResult();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            using (socket)
            {
                try
                {
                    await AnswerAsync(socket);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
                {
                }
            }
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        string head;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (n == 0)
            {
                return;
            }
            received.AddRange(buffer.AsSpan(0, n));
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            head = text[..end];
            var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            while (received.Count < end + 4 + length)
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }
                received.AddRange(buffer.AsSpan(0, n));
            }
            var body = Encoding.ASCII.GetString([.. received], end + 4, length);
            var lines = head.Split("\r\n");
            var request = lines[0].Split(' ');
            var test = lines.FirstOrDefault(l => l.StartsWith("x-test:", StringComparison.OrdinalIgnoreCase))?["x-test:".Length..].Trim() ?? "";
            if (Hold is { } hold)
            {
                await hold.Task;
            }
            var status = request[1] == "/missing" ? "404 Not Found" : "200 OK";
            var answer = Encoding.ASCII.GetBytes($"{request[0]} {request[1]} x-test={test} body={body}");
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: {answer.Length}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(response.Concat(answer).ToArray(), SocketFlags.None, _stop.Token);
            socket.Shutdown(SocketShutdown.Send);
            return;
        }
    }
}
