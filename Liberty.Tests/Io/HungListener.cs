using System.Net;
using System.Net.Sockets;

namespace Liberty.Tests.Io;

/// <summary>
/// A loopback listener whose accept queue is full, so a further connect to it hangs (Linux drops SYNs
/// on overflow) until the client cuts it: how the specs make a connect time out.
/// </summary>
public sealed class HungListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    private HungListener()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static async Task<HungListener> StartAsync()
    {
        var hung = new HungListener();
        for (var i = 0; i < 3; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            hung._fillers.Add(filler);
            var connect = filler.ConnectAsync(IPAddress.Loopback, hung.Port);
            if (i == 0)
            {
                // The first one is queued for sure; the later ones fill the rest or hang themselves.
                await connect.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        return hung;
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }
        _listener.Dispose();
    }
}
