using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cli;

/// <summary>The CLI's HTTP client of one node's management API.</summary>
internal sealed class NodeClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    /// <summary>Creates the client.</summary>
    /// <param name="baseAddress">The node's API, e.g. http://127.0.0.1:9110.</param>
    /// <param name="token">The admin token, or null (then every call but /health fails with 401).</param>
    public NodeClient(Uri baseAddress, string? token)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The node's API address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Sends a request and returns the node's answer: its JSON, and the same read as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The API's record of the answer (<see cref="Liberty.Node.Management.Contracts"/>).</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="path">The path and query, e.g. <c>api/tasks</c>.</param>
    /// <param name="body">The request's record (or any object) to send as JSON with the API's options, or null.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="CliFailure">The node cannot be reached (3), refused the token (3) or the request (1), or answered something that is not JSON (1).</exception>
    public async Task<NodeAnswer<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // What the user typed reaches the node as written ("it's", not "it\u0027s"): a task's arguments are kept as sent.
            request.Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json");
        }
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, text).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            return new NodeAnswer<T>(document.RootElement.Clone(), this);
        }
        catch (JsonException e)
        {
            throw new CliFailure(CliExitCodes.NodeFailure, $"the node at {BaseAddress} answered something that is not JSON: {e.Message}");
        }
    }

    /// <summary>Reads a JSON answer (or a server-sent event's data) of this node as the API's record.</summary>
    /// <typeparam name="T">The record.</typeparam>
    /// <param name="json">The JSON.</param>
    /// <returns>The record.</returns>
    /// <exception cref="CliFailure">The JSON is not such a record (1): a node of another version, or not a Liberty node.</exception>
    public T Read<T>(JsonElement json) => Read<T>(() => json.Deserialize<T>(ApiJson.Options));

    /// <inheritdoc cref="Read{T}(JsonElement)"/>
    public T Read<T>(string json) => Read<T>(() => JsonSerializer.Deserialize<T>(json, ApiJson.Options));

    private T Read<T>(Func<T?> deserialize)
    {
        try
        {
            return deserialize() ?? throw new JsonException("the answer is null.");
        }
        catch (JsonException e)
        {
            throw new CliFailure(CliExitCodes.NodeFailure, $"the node at {BaseAddress} answered JSON that is not the API's {Describe(typeof(T))}: {e.Message}");
        }
    }

    // "TaskView", "list of TaskView".
    private static string Describe(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable<>).MakeGenericType(item).IsAssignableFrom(type) ? "list of " + item.Name : type.Name;

    /// <summary>Opens a server-sent-event stream and calls <paramref name="onEvent"/> with each event.</summary>
    /// <param name="path">The path and query.</param>
    /// <param name="onEvent">Called with each event's name (<c>message</c> when it has none) and its <c>data:</c> payload, in order.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>When the node ends the stream or the token is cancelled.</returns>
    /// <exception cref="CliFailure">As <see cref="SendAsync"/>.</exception>
    public async Task FollowAsync(string path, Action<string, string> onEvent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowIfFailedAsync(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            string? name = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        onEvent(name ?? "message", data.ToString());
                    }
                    name = null;
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The user stopped following.
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream was torn down by the cancellation.
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(CliExitCodes.Unreachable, $"cannot reach the node at {BaseAddress}: {e.Message} (is it running? set --node or LIBERTY_NODE)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(CliExitCodes.Unreachable, $"the node at {BaseAddress} did not answer in {RequestTimeout.TotalSeconds:0} s");
        }
    }

    private Task ThrowIfFailedAsync(HttpResponseMessage response, string text)
    {
        if (response.IsSuccessStatusCode)
        {
            return Task.CompletedTask;
        }
        var (detail, path) = ReadError(text);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CliFailure(CliExitCodes.Unreachable, $"the node at {BaseAddress} refused the token: {detail} (set --token or LIBERTY_TOKEN, or run where the node's data folder is)");
        }
        var where = path is null ? "" : $" (at {path})";
        throw new CliFailure(CliExitCodes.NodeFailure, $"{detail}{where} [{(int)response.StatusCode}]");
    }

    private static (string Detail, string? Path) ReadError(string text)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ApiError>(text, ApiJson.Options);
            return (error?.Detail ?? text, error?.Path);
        }
        catch (JsonException)
        {
            return (text.Length == 0 ? "no detail" : text, null);
        }
    }
}
