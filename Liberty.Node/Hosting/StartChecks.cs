using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Liberty.Node.Persistence;

namespace Liberty.Node.Hosting;

/// <summary>
/// What a node checks on the machine before it starts anything: that it can listen where <c>Http:Listen</c> says, and
/// that a PostgreSQL store answers. Each failure is one line naming the setting, so <c>liberty run</c> ends with it
/// and exit code 2 instead of a start that fails half-way (or a 30 s recovery timeout).
/// </summary>
internal static class StartChecks
{
    /// <summary>Whether the API's address and port can be listened on now (it binds and releases them).</summary>
    /// <param name="listen">The validated <c>Http:Listen</c>.</param>
    /// <param name="error">What is wrong, naming the setting, when false.</param>
    /// <returns>True when a listener could bind.</returns>
    public static bool TryListen(string listen, out string error)
    {
        error = "";
        if (!HttpOptions.TryParseListen(listen, out var address, out var port, out var parseError))
        {
            error = $"Http:Listen: {parseError}";
            return false;
        }
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException e)
        {
            error = ListenError("Http:Listen", listen, address, e);
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>One line for a socket that cannot listen: another program has the port, or the machine lacks the address.</summary>
    /// <param name="setting">The setting that names the endpoint.</param>
    /// <param name="endpoint">The endpoint as configured.</param>
    /// <param name="address">Its address.</param>
    /// <param name="e">The failure.</param>
    /// <returns>The message.</returns>
    public static string ListenError(string setting, string endpoint, IPAddress address, SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"{setting}: cannot listen on {endpoint}: the port is in use by another program (another node?); choose a free port.",
        SocketError.AddressNotAvailable => $"{setting}: cannot listen on {endpoint}: this machine has no address {address} (it has {string.Join(", ", LocalAddresses())}; 0.0.0.0 listens on all).",
        SocketError.AccessDenied => $"{setting}: cannot listen on {endpoint}: permission denied (ports below 1024 need privileges).",
        _ => $"{setting}: cannot listen on {endpoint}: {e.Message}.",
    };

    /// <summary>Whether the PostgreSQL server of <paramref name="options"/> accepts a connection (a no-op for SQLite).</summary>
    /// <param name="options">The validated persistence options.</param>
    /// <param name="cancellationToken">Abandons the attempt.</param>
    /// <returns>Null when reachable; otherwise the one-line reason, naming the host, port and database but never the password.</returns>
    public static async Task<string?> CheckStoreAsync(PersistenceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != PersistenceProvider.PostgreSql)
        {
            return null;
        }
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or TimeoutException or InvalidOperationException)
        {
            var reason = e.InnerException is SocketException socket ? $"{e.Message.TrimEnd('.')} ({socket.Message})" : e.Message.TrimEnd('.');
            return $"Persistence:ConnectionString: cannot reach {options.DescribeLocation()}: {reason}.";
        }
    }

    private static List<string> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(static i => i.GetIPProperties().UnicastAddresses)
                .Select(static a => a.Address)
                .Where(static a => !a.IsIPv6LinkLocal)
                .Select(static a => a.ToString())
                .Distinct()
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return ["(unknown)"];
        }
    }
}
