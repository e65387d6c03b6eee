using System.Globalization;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// An HTTP client handle of a task (<c>Libre_IoNewHttp</c> / <c>Libre_NetNewHttp</c>): one outstanding
/// request at a time; its completion makes the handle readable (a failure: a negative event and
/// <see cref="IoHandle.LastError"/>). Destinations follow the node's network policy, checked when the
/// connection is made (redirects included).
/// </summary>
/// <remarks>Thread, cancellation and ordering: as <see cref="IoHandle"/>.</remarks>
public sealed class HttpHandle : IoHandle
{
    // Under Gate.
    private CancellationTokenSource? _request;
    private HttpResult? _response;
    private bool _busy;
    private bool _failed;
    private bool _failureReported;

    internal HttpHandle(IoService service, int id, TaskRun task)
        : base(service, id, task)
    {
    }

    /// <summary>True while a request is outstanding.</summary>
    public bool IsBusy
    {
        get
        {
            lock (Gate)
            {
                return _busy;
            }
        }
    }

    /// <summary>Starts a request; a response not yet taken is dropped.</summary>
    /// <param name="method">GET, POST, PUT, ... (any token).</param>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="headers">Request headers (content headers such as Content-Type go to the body); may be null.</param>
    /// <param name="body">The body; null for none.</param>
    /// <param name="error">Why it was not started.</param>
    /// <returns>False (nothing started) when the handle is closed or busy, or an argument is invalid.</returns>
    public bool TryStart(string method, string url, IEnumerable<KeyValuePair<string, string>>? headers, byte[]? body, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(method) || method.Any(c => !char.IsAsciiLetter(c)))
        {
            error = $"\"{method}\" is not an HTTP method";
            return false;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"\"{url}\" is not an absolute http or https URL";
            return false;
        }
        var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in headers ?? [])
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)
                && (message.Content is null || !message.Content.Headers.TryAddWithoutValidation(name, value)))
            {
                message.Dispose();
                error = $"header \"{name}\" cannot be set on this request";
                return false;
            }
        }
        CancellationTokenSource request;
        lock (Gate)
        {
            if (ClosedLocked || _busy)
            {
                message.Dispose();
                error = ClosedLocked ? "the handle is closed" : "a request is already in progress on this handle";
                return false;
            }
            _busy = true;
            _response = null;
            _failed = false;
            _failureReported = false;
            request = new CancellationTokenSource(Service.Options.HttpTimeout, Service.Time);
            _request = request;
        }
        Changed();
        _ = SendAsync(message, request);
        return true;
    }

    /// <summary>Takes the response of the finished request.</summary>
    /// <param name="response">The response, or null.</param>
    /// <returns>True with the response; false while busy, when nothing was requested, or after a failure
    /// (<see cref="IoHandle.LastError"/> says why; the failure is then reported once).</returns>
    public bool TryTakeResponse(out HttpResult? response)
    {
        lock (Gate)
        {
            response = _response;
            _response = null;
            if (response is null && _failed)
            {
                _failureReported = true;
            }
        }
        Changed();
        return response is not null;
    }

    /// <summary>True when a failure is pending that <see cref="TryTakeResponse"/> has not reported yet.</summary>
    internal bool HasUnreportedFailure
    {
        get
        {
            lock (Gate)
            {
                return _failed && !_failureReported;
            }
        }
    }

    private protected override IoReadiness ComputeReadinessLocked() =>
        _failed && !_failureReported ? IoReadiness.Readable | IoReadiness.Error
        : _response is not null ? IoReadiness.Readable
        : IoReadiness.None;

    private protected override Action? CloseLocked()
    {
        _response = null;
        var request = _request;
        return request is null ? null : () =>
        {
            try
            {
                request.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request finished and disposed its source meanwhile.
            }
        };
    }

    private async Task SendAsync(HttpRequestMessage message, CancellationTokenSource request)
    {
        HttpResult? result = null;
        string? error = null;
        try
        {
            using (message)
            {
                using var response = await Service.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, request.Token).ConfigureAwait(false);
                var max = Service.Options.MaxHttpResponseBytes;
                if (response.Content.Headers.ContentLength > max)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"response body of {response.Content.Headers.ContentLength} bytes is over the limit of {max}");
                }
                else
                {
                    using var stream = await response.Content.ReadAsStreamAsync(request.Token).ConfigureAwait(false);
                    using var body = new MemoryStream();
                    var chunk = new byte[16 * 1024];
                    int n;
                    while ((n = await stream.ReadAsync(chunk, request.Token).ConfigureAwait(false)) > 0)
                    {
                        if (body.Length + n > max)
                        {
                            error = string.Create(CultureInfo.InvariantCulture, $"response body is over the limit of {max} bytes");
                            break;
                        }
                        body.Write(chunk, 0, n);
                    }
                    result = error is null ? new HttpResult((int)response.StatusCode, body.ToArray()) : null;
                }
            }
        }
        catch (OperationCanceledException) when (request.IsCancellationRequested)
        {
            error = IsClosed ? null : string.Create(CultureInfo.InvariantCulture, $"request to {message.RequestUri} timed out after {Service.Options.HttpTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            error = $"request to {message.RequestUri} failed: {Innermost(ex)}";
        }
        lock (Gate)
        {
            if (!ReferenceEquals(_request, request))
            {
                request.Dispose();
                return;
            }
            _request = null;
            _busy = false;
            _response = result;
            if (result is null && !ClosedLocked)
            {
                _failed = true;
                SetErrorLocked(error);
            }
        }
        request.Dispose();
        if (error is not null)
        {
            Service.LogFailed(this, error);
        }
        Changed();
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex.Message;
    }
}
