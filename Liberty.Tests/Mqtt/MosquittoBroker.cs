using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Liberty.Tests.Mqtt;

/// <summary>
/// A real Debian <c>mosquitto</c> the test starts on a random loopback port in a temp folder (anonymous, no persistence),
/// can stop and start again on the same port (a broker restart), and stops and cleans up on dispose. The binary comes
/// from <c>LIBERTY_MOSQUITTO</c> (exported by <c>scripts/test</c>), else <c>/usr/sbin/mosquitto</c>, else the PATH.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly string _folder;
    private readonly string _config;
    private Process? _process;

    private MosquittoBroker(string binary)
    {
        Binary = binary;
        _folder = Directory.CreateTempSubdirectory("liberty-mosquitto-").FullName;
        Port = FreePort();
        _config = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(_config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest file {Path.Combine(_folder, "mosquitto.log")}
            """ + "\n");
    }

    /// <summary>Why mosquitto cannot be used here, or null when it can.</summary>
    public static string? Unavailable { get; } = Find() is null
        ? "mosquitto is not installed (scripts/test installs Debian's mosquitto and mosquitto-clients; or set LIBERTY_MOSQUITTO to the binary)"
        : null;

    /// <summary>The mosquitto binary.</summary>
    public string Binary { get; }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts a broker.</summary>
    public static MosquittoBroker Start()
    {
        var binary = Find() ?? throw new InvalidOperationException(Unavailable);
        var broker = new MosquittoBroker(binary);
        broker.Restart();
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port and waits until it accepts connections.</summary>
    public void Restart()
    {
        Stop();
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_config);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{Binary} did not start.");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited)
            {
                // A readiness probe of another process, not a timing assumption: mosquitto buffers its log when it is not
                // on a terminal, so "running" cannot be awaited; a connection is the only sign it listens.
                Thread.Sleep(20);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"mosquitto on port {Port} did not accept connections (exited: {_process.HasExited}); log: {Log()}", e);
            }
        }
    }

    /// <summary>Stops the broker (SIGTERM), waiting for it to exit.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Publishes one message with <c>mosquitto_pub</c> (from mosquitto-clients, beside the broker or on the PATH), as a shell script would.</summary>
    public void Publish(string topic, string payload, bool retain = false)
    {
        var client = Path.Combine(Path.GetDirectoryName(Binary)!.Replace("/sbin", "/bin", StringComparison.Ordinal), "mosquitto_pub");
        var info = new ProcessStartInfo(File.Exists(client) ? client : "mosquitto_pub") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-m", payload })
        {
            info.ArgumentList.Add(argument);
        }
        if (retain)
        {
            info.ArgumentList.Add("-r");
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_pub did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mosquitto_pub -t {topic}: exit {process.ExitCode}: {error}");
    }

    /// <summary>The broker's log so far.</summary>
    public string Log()
    {
        var file = Path.Combine(_folder, "mosquitto.log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>A port free on loopback now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("LIBERTY_MOSQUITTO") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }
        if (File.Exists("/usr/sbin/mosquitto"))
        {
            return "/usr/sbin/mosquitto";
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "mosquitto");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}

/// <summary>A fact that runs only where mosquitto is installed, and says why not otherwise.</summary>
internal sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (MosquittoBroker.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
