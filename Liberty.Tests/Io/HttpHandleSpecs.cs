using System.Text;
using Liberty.Node.Engine.Io;

namespace Liberty.Tests.Io;

public sealed class HttpHandleSpecs(ITestOutputHelper output) : IoSpec(output)
{
    [Fact]
    public void Request_LoopbackServer_CompletesReadableWithStatusAndBody()
    {
        using var server = new LoopbackHttpServer();
        Start(async ctx =>
        {
            var http = Io.OpenHttp(ctx);
            Assert.True(http.TryStart("post", $"http://127.0.0.1:{server.Port}/cmd", [new("x-test", "42"), new("Content-Type", "text/plain")], "on"u8.ToArray(), out var error), error);
            Report(await WaitIo(ctx, http, IoReadiness.Readable));
            Assert.True(http.TryTakeResponse(out var response));
            Report(response!.StatusCode);
            Report(Encoding.ASCII.GetString(response.Body));
            Report(http.TryTakeResponse(out _));
        });
        ExpectMsg(1, SocketTimeout);
        ExpectMsg(200);
        ExpectMsg("POST /cmd x-test=42 body=on");
        ExpectMsg(false);
    }

    [Fact]
    public void Request_NotFound_ReportsTheStatus()
    {
        using var server = new LoopbackHttpServer();
        Start(async ctx =>
        {
            var http = Io.OpenHttp(ctx);
            Assert.True(http.TryStart("GET", $"http://localhost:{server.Port}/missing", null, null, out _));
            await WaitIo(ctx, http, IoReadiness.Readable);
            Assert.True(http.TryTakeResponse(out var response));
            Report(response!.StatusCode);
        });
        ExpectMsg(404, SocketTimeout);
    }

    [Fact]
    public void Request_WhileOneIsOutstanding_IsRefused()
    {
        using var server = new LoopbackHttpServer { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        Start(async ctx =>
        {
            var http = Io.OpenHttp(ctx);
            Assert.True(http.TryStart("GET", $"http://127.0.0.1:{server.Port}/a", null, null, out _));
            Report(http.TryStart("GET", $"http://127.0.0.1:{server.Port}/b", null, null, out var error));
            Report(error ?? "no error");
            server.Hold!.TrySetResult();
            await WaitIo(ctx, http, IoReadiness.Readable);
            Assert.True(http.TryTakeResponse(out var response));
            Report(Encoding.ASCII.GetString(response!.Body));
        });
        ExpectMsg(false);
        ExpectMsg("a request is already in progress on this handle");
        ExpectMsg("GET /a x-test= body=", SocketTimeout);
    }

    [Fact]
    public void Request_DestinationNotAllowed_FailsWithPolicyMessage()
    {
        Start(async ctx =>
        {
            var http = Io.OpenHttp(ctx);
            Assert.True(http.TryStart("GET", "http://192.0.2.1/", null, null, out _));
            Report(await WaitIo(ctx, http, IoReadiness.Readable));
            Report(http.TryTakeResponse(out _));
            Report(http.LastError ?? "no error");
        });
        ExpectMsg(IoStatus.Error, SocketTimeout);
        ExpectMsg(false);
        ExpectMsg<string>(m => Assert.Contains("192.0.2.1 is not allowed by the node's network policy", m, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "ftp://127.0.0.1/", "\"ftp://127.0.0.1/\" is not an absolute http or https URL")]
    [InlineData("GE T", "http://127.0.0.1/", "\"GE T\" is not an HTTP method")]
    public void Request_BadArguments_RefusedWithMessage(string method, string url, string message)
    {
        Start(ctx =>
        {
            var http = Io.OpenHttp(ctx);
            Report(http.TryStart(method, url, null, null, out var error));
            Report(error ?? "no error");
            return Task.CompletedTask;
        });
        ExpectMsg(false);
        ExpectMsg(message);
    }
}
