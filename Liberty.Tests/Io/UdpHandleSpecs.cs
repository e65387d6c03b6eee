using System.Net;
using System.Net.Sockets;
using System.Text;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class UdpHandleSpecs(ITestOutputHelper output) : IoSpec(output)
{
    [Fact]
    public async Task SendToAndReceive_LoopbackPeer_ExchangeDatagrams()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        Start(async ctx =>
        {
            Assert.True(Io.TryOpenUdp(ctx, 0, broadcast: false, out var udp, out var error), error);
            Report(udp!.LocalPort);
            Report(udp.SendTo("hello"u8, $"127.0.0.1:{peerPort}", out error));
            Report(await WaitIo(ctx, udp, IoReadiness.Readable));
            Assert.True(udp.TryReceive(out var datagram));
            Report(Encoding.ASCII.GetString(datagram!.Data));
            Report(datagram.From.Port == peerPort);
            Report(udp.TryReceive(out _));
        });
        var port = ExpectMsg<int>();
        ExpectMsg(5);
        using var cts = new CancellationTokenSource(SocketTimeout);
        var received = await peer.ReceiveAsync(cts.Token);
        Assert.Equal("hello", Encoding.ASCII.GetString(received.Buffer));
        Assert.Equal(port, received.RemoteEndPoint.Port);
        await peer.SendAsync("world"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port), cts.Token);
        ExpectMsg(1, SocketTimeout);
        ExpectMsg("world");
        ExpectMsg(true);
        ExpectMsg(false);
    }

    [Theory]
    [InlineData("192.0.2.1:9", "192.0.2.1:9 is not allowed")]
    [InlineData("255.255.255.255:9", "broadcast is not enabled")]
    [InlineData("nonsense", "\"nonsense\" is not an \"ip:port\" destination")]
    public void SendTo_RefusedDestination_ReturnsErrorWithMessage(string destination, string message)
    {
        Start(ctx =>
        {
            Assert.True(Io.TryOpenUdp(ctx, 0, broadcast: false, out var udp, out _));
            Report(udp!.SendTo("x"u8, destination, out var error));
            Report(error ?? "no error");
            return Task.CompletedTask;
        });
        ExpectMsg(IoStatus.Error);
        ExpectMsg<string>(m => Assert.Contains(message, m, StringComparison.Ordinal));
    }

    [Fact]
    public void TryOpenUdp_PortInUse_ReturnsFalseWithMessage()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;
        Start(ctx =>
        {
            Report(Io.TryOpenUdp(ctx, port, broadcast: false, out _, out var error));
            Report(error ?? "no error");
            return Task.CompletedTask;
        });
        ExpectMsg(false);
        ExpectMsg<string>(m => Assert.StartsWith($"cannot bind UDP port {port}", m, StringComparison.Ordinal));
    }
}
