using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liberty.Tests.Management;

public sealed class ManagementApiFuzzTests : IAsyncLifetime
{
    private const int Requests = 3000;
    private const int RawRequests = 100;
    private const int Parallelism = 8;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO"];
    private static readonly string[] Fields = ["name", "source", "signature", "app", "function", "arguments", "command", "level", "transition", "cluster", "args"];
    private static readonly string[] Templates =
    [
        "/health", "/api/devices", "/api/devices/{d}", "/api/devices/{d}/command", "/api/devices/{d}/query", "/api/apps", "/api/apps/{s}",
        "/api/apps/{s}/versions", "/api/tasks", "/api/tasks/{i}", "/api/tasks/{i}/stop", "/api/tasks/{i}/resume", "/api/tasks/{i}/reset",
        "/api/tasks/{i}/logs", "/api/tasks/{i}/logs?max={i}&follow={b}", "/api/node", "/api/actors/system", "/api/actors/hierarchy?depth={i}&path={p}",
        "/api/log?n={i}", "/api/cluster", "/{s}", "/api/{s}/{s}", "/api/devices/{s}/{s}",
    ];

    private TestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        using var deploy = new StringContent("""{"name":"blink","source":"function Blink(d)\nend"}""", Encoding.UTF8, "application/json");
        (await _node.Http.PostAsync("/api/apps", deploy)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ThousandsOfMalformedRequests_Every_Answer4xxOr2xx_NodeStillHealthy()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _node.Node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, ct) =>
        {
            var random = new Random(i);
            var (request, refusedByProtocol) = BuildRequest(random);
            using var disposeRequest = request;
            var description = $"#{i} {request.Method} {request.RequestUri}";
            try
            {
                using var response = await client.SendAsync(request, ct);
                var code = (int)response.StatusCode;
                statuses.AddOrUpdate(code, 1, static (_, n) => n + 1);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (code >= 500 || code < 200 || (code is >= 300 and < 400))
                {
                    failures.Add($"{description} -> {code}: {body}");
                }
                if (code >= 400 && request.Method != HttpMethod.Head && code != 431 && code != 414 && !body.Contains("\"detail\"", StringComparison.Ordinal) && body.Length > 0)
                {
                    failures.Add($"{description} -> {code} without a JSON error: {body}");
                }
            }
            catch (HttpRequestException e) when (refusedByProtocol)
            {
                // Over a Kestrel limit (body, request line, headers): Kestrel answers and closes without reading the
                // rest, so the client may see the connection go while it is still sending. That is the refusal.
                _ = e;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{description} -> connection error {e.Message}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(20))}\nstatuses: {string.Join(", ", statuses.OrderBy(static s => s.Key).Select(static s => $"{s.Key}x{s.Value}"))}");
        Assert.True(statuses.Keys.Count(static s => s >= 400) >= 5, "the fuzzer should provoke several kinds of 4xx: " + string.Join(",", statuses.Keys));
        using var health = await _node.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(_node.Node.Services.Log.Peek(1000), static l => l.EventId == 6100);
    }

    [Fact]
    public async Task GarbageOnTheSocket_4xxOrClosed_NodeStillHealthy()
    {
        var address = _node.Node.BaseAddress;
        for (var i = 0; i < RawRequests; i++)
        {
            var random = new Random(10_000 + i);
            using var socket = new TcpClient();
            await socket.ConnectAsync(address.Host, address.Port);
            var stream = socket.GetStream();
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            var prefix = random.Next(3) switch { 0 => "GET / HTTP/1.1\r\n", 1 => "POST /api/apps HTTP/1.1\r\nContent-Length: 5\r\n", _ => "" };
            await stream.WriteAsync(Encoding.ASCII.GetBytes(prefix));
            await stream.WriteAsync(garbage);
            await stream.WriteAsync("\r\n\r\n"u8.ToArray());
            socket.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[12];
            var read = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is var n && n > 0)
                {
                    read += n;
                }
            }
            catch (IOException)
            {
                // Reset by the server: a refusal without an answer is fine.
            }
            var status = Encoding.ASCII.GetString(buffer, 0, read);
            Assert.True(read == 0 || status.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), $"raw request {i} got '{status}'");
        }
        using var health = await _node.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private (HttpRequestMessage Request, bool RefusedByProtocol) BuildRequest(Random random)
    {
        var method = new HttpMethod(Methods[random.Next(Methods.Length)]);
        var longPath = random.Next(20) == 0;
        var path = longPath ? "/" + new string('x', random.Next(1, 20_000)) : FillTemplate(Templates[random.Next(Templates.Length)], random);
        var request = new HttpRequestMessage(method, path);
        // One connection per request: a connection Kestrel closes after refusing one request is never reused.
        request.Headers.ConnectionClose = true;
        var refused = longPath;
        switch (random.Next(10))
        {
            case 0:
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + RandomText(random, random.Next(0, 100)));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Authorization", random.Next(2) == 0 ? _node.Node.Token : "Basic " + _node.Node.Token);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _node.Node.Token);
                break;
        }
        if (random.Next(10) == 0)
        {
            var header = RandomText(random, random.Next(0, random.Next(10) == 0 ? 40_000 : 200));
            request.Headers.TryAddWithoutValidation("X-Fuzz", header);
            refused |= header.Length > 16_000;
        }
        if (method != HttpMethod.Get && method != HttpMethod.Head && random.Next(4) != 0)
        {
            var (body, type) = RandomBody(random);
            refused |= body.Length > 1024 * 1024;
            request.Content = new ByteArrayContent(body);
            if (type is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        return (request, refused);
    }

    private static string FillTemplate(string template, Random random)
    {
        var builder = new StringBuilder(template);
        Replace(builder, "{d}", () => random.Next(4) switch { 0 => "kitchen-light", 1 => "living-dimmer", 2 => "node1%2Fthermostat", _ => Uri.EscapeDataString(RandomText(random, random.Next(1, 30))) });
        Replace(builder, "{s}", () => random.Next(3) == 0 ? "blink" : Uri.EscapeDataString(RandomText(random, random.Next(1, 30))));
        Replace(builder, "{i}", () => random.Next(4) switch { 0 => "1", 1 => random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), 2 => "99999999999999999999999", _ => Uri.EscapeDataString(RandomText(random, random.Next(1, 10))) });
        Replace(builder, "{b}", () => random.Next(4) switch { 0 => "false", 1 => "0", 2 => "maybe", _ => "2" });
        Replace(builder, "{p}", () => random.Next(3) switch { 0 => "/user", 1 => "/user/devices", _ => Uri.EscapeDataString(RandomText(random, random.Next(1, 30))) });
        return builder.ToString();
    }

    private static void Replace(StringBuilder builder, string token, Func<string> value)
    {
        int at;
        while ((at = builder.ToString().IndexOf(token, StringComparison.Ordinal)) >= 0)
        {
            builder.Remove(at, token.Length).Insert(at, value());
        }
    }

    private static (byte[] Body, string? Type) RandomBody(Random random)
    {
        var type = random.Next(7) switch { 0 => null, 1 => "text/plain", 2 => "application/json; charset=" + RandomText(random, 5), 3 => "application/json; charset=latin1", _ => "application/json" };
        switch (random.Next(10))
        {
            case 8:
            case 9:
                // A well-formed object whose strings hold bytes that are not UTF-8 (a lone continuation byte, a
                // truncated sequence, an overlong form, a surrogate, latin-1 text).
                var prefix = Encoding.UTF8.GetBytes(RandomObject(random).TrimEnd('}') + (random.Next(2) == 0 ? "" : ",") + "\"name\":\"x");
                byte[][] bad = [[0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], Encoding.Latin1.GetBytes("caf\u00e9")];
                return ([.. prefix, .. bad[random.Next(bad.Length)], .. "\"}"u8.ToArray()], type);
            case 0:
                var bytes = new byte[random.Next(0, 5000)];
                random.NextBytes(bytes);
                return (bytes, type);
            case 1:
                return (Encoding.UTF8.GetBytes(new string('[', random.Next(1, 5000))), type);
            case 2:
                return (Encoding.UTF8.GetBytes("{\"name\":\"big\",\"source\":\"" + new string('a', random.Next(1_100_000, 1_500_000)) + "\"}"), type);
            case 3:
                var json = RandomJson(random, 0);
                return (Encoding.UTF8.GetBytes(json[..random.Next(json.Length + 1)]), type);
            default:
                return (Encoding.UTF8.GetBytes(RandomObject(random)), type);
        }
    }

    private static string RandomObject(Random random)
    {
        var fields = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Fields[random.Next(Fields.Length)]).Distinct();
        return "{" + string.Join(",", fields.Select(f => $"\"{f}\":{RandomValue(random, f)}")) + "}";
    }

    private static string RandomValue(Random random, string field) => random.Next(3) switch
    {
        0 when field == "command" => $"\"{new[] { "on", "off", "toggle", "level", "boom" }[random.Next(5)]}\"",
        0 when field == "app" => "\"blink\"",
        0 when field == "function" => "\"Blink\"",
        0 when field == "source" => "\"function F()\\nend\"",
        _ => RandomJson(random, 0),
    };

    private static string RandomJson(Random random, int depth) => random.Next(depth > 3 ? 6 : 8) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(int.MinValue, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e6).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        4 => "1e999",
        5 => System.Text.Json.JsonSerializer.Serialize(RandomText(random, random.Next(0, 40))),
        6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{Fields[random.Next(Fields.Length)]}\":{RandomJson(random, depth + 1)}")) + "}",
    };

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0x21, 0x7F);
        }
        return new string(chars);
    }
}
