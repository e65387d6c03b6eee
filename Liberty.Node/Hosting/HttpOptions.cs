using System.Globalization;
using System.Net;

namespace Liberty.Node.Hosting;

/// <summary>The management HTTP API's options (configuration section <c>Http</c>).</summary>
public sealed class HttpOptions
{
    /// <summary>Default listen address: loopback only, pbm's port.</summary>
    public const string DefaultListen = "127.0.0.1:9110";

    /// <summary>Default largest request body, in bytes (1 MiB): an app's source fits, a flood does not.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary><c>HOST:PORT</c> the API listens on (an IPv4/IPv6 address, <c>localhost</c> or <c>*</c>; port 0 picks a free one). Default <see cref="DefaultListen"/>.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>Largest accepted request body in bytes; larger requests get 413. Must be positive. Default <see cref="DefaultMaxRequestBodyBytes"/>.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Parses <c>HOST:PORT</c>.</summary>
    /// <param name="text">The text, e.g. <c>127.0.0.1:9110</c>, <c>[::1]:9110</c>, <c>0.0.0.0:0</c>.</param>
    /// <param name="address">The address to bind (<see cref="IPAddress.Any"/> for <c>*</c>, loopback for <c>localhost</c>).</param>
    /// <param name="port">The port, 0..65535.</param>
    /// <param name="error">What is wrong when false.</param>
    /// <returns>True when the text is a valid endpoint.</returns>
    public static bool TryParseListen(string? text, out IPAddress address, out int port, out string error)
    {
        address = IPAddress.Loopback;
        port = 0;
        error = "";
        var colon = text?.LastIndexOf(':') ?? -1;
        if (string.IsNullOrWhiteSpace(text) || colon <= 0)
        {
            error = $"'{text}' is not HOST:PORT (e.g. 127.0.0.1:9110).";
            return false;
        }
        var host = text[..colon].Trim('[', ']');
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            error = $"port '{portText}' in '{text}' is not a number in 0..65535.";
            return false;
        }
        if (host is "*" or "+")
        {
            address = IPAddress.Any;
            return true;
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        if (!IPAddress.TryParse(host, out var parsed))
        {
            error = $"host '{host}' in '{text}' is not an IP address, localhost or *.";
            return false;
        }
        address = parsed;
        return true;
    }
}
