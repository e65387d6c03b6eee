using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Engine.Io;

/// <summary>
/// The node's task I/O: opens handles for task threads, hands out their ids (small integers, the
/// lowest free one, unique among open handles), enforces the network policy, and closes every handle a
/// task opened when the task ends.
/// </summary>
/// <remarks>
/// <b>Thread:</b> any. <b>Cancellation:</b> opening is synchronous; <see cref="Dispose"/> closes every
/// handle. <b>Ordering:</b> none between handles.
/// </remarks>
public sealed class IoService : IDisposable
{
    // Guards the id allocator and the handle tables.
    private readonly Lock _lock = new();
    private readonly SortedSet<int> _freeIds = [];
    private readonly Dictionary<int, IoHandle> _handles = [];
    private readonly Dictionary<TaskRun, HashSet<IoHandle>> _byTask = [];
    private readonly ILogger _log;
    private int _nextId = 1;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Policy and limits; validated here.</param>
    /// <param name="time">The clock of connect and request timeouts (the engine's).</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names its configuration path).</exception>
    public IoService(NetworkOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Options = options;
        Time = time;
        Policy = new NetworkPolicy(options);
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Liberty.Node.Engine.Io");
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = true,
            ConnectCallback = ConnectHttpAsync,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        Http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The options in force.</summary>
    public NetworkOptions Options { get; }

    /// <summary>The clock of timeouts.</summary>
    public TimeProvider Time { get; }

    /// <summary>Open handles (all tasks).</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _handles.Count;
            }
        }
    }

    internal NetworkPolicy Policy { get; }

    internal HttpClient Http { get; }

    /// <summary>Opens an unconnected TCP client handle for <paramref name="owner"/>'s task.</summary>
    /// <param name="owner">The opening thread.</param>
    /// <returns>The handle (connect it with <see cref="TcpHandle.Connect"/>).</returns>
    public TcpHandle OpenTcp(ITaskContext owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return OpenTcp(owner.Task);
    }

    /// <summary>Opens a TCP handle for <paramref name="task"/> (the Lua API, which may run inside an app coroutine).</summary>
    internal TcpHandle OpenTcp(TaskRun task) => Register(task, id => new TcpHandle(this, id, task));

    /// <summary>Opens an HTTP client handle for <paramref name="owner"/>'s task.</summary>
    /// <param name="owner">The opening thread.</param>
    /// <returns>The handle.</returns>
    public HttpHandle OpenHttp(ITaskContext owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return OpenHttp(owner.Task);
    }

    /// <summary>Opens an HTTP handle for <paramref name="task"/>.</summary>
    internal HttpHandle OpenHttp(TaskRun task) => Register(task, id => new HttpHandle(this, id, task));

    /// <summary>Opens a UDP socket bound to <paramref name="port"/> on every interface.</summary>
    /// <param name="owner">The opening thread.</param>
    /// <param name="port">0 (any free port) to 65535.</param>
    /// <param name="broadcast">Allow sending to 255.255.255.255.</param>
    /// <param name="handle">The handle.</param>
    /// <param name="error">Why it could not be opened (port in use, ...).</param>
    /// <returns>False with <paramref name="error"/> when the port cannot be bound.</returns>
    public bool TryOpenUdp(ITaskContext owner, int port, bool broadcast, out UdpHandle? handle, out string? error)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return TryOpenUdp(owner.Task, port, broadcast, out handle, out error);
    }

    /// <summary>Opens a UDP handle for <paramref name="task"/>.</summary>
    internal bool TryOpenUdp(TaskRun task, int port, bool broadcast, out UdpHandle? handle, out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        handle = null;
        error = null;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        try
        {
            socket.EnableBroadcast = broadcast;
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            error = $"cannot bind UDP port {port}: {ex.Message}";
            return false;
        }
        var udp = Register(task, id => new UdpHandle(this, id, task, socket, broadcast));
        udp.Start();
        handle = udp;
        return true;
    }

    /// <summary>Finds an open handle of <paramref name="task"/> by id (a task never sees another task's handles).</summary>
    /// <param name="id">The id.</param>
    /// <param name="task">The asking task.</param>
    /// <returns>The handle, or null.</returns>
    public IoHandle? Find(int id, TaskRun task)
    {
        lock (_lock)
        {
            return _handles.TryGetValue(id, out var handle) && ReferenceEquals(handle.Task, task) ? handle : null;
        }
    }

    /// <summary>The LAN device with <paramref name="id"/>, or null.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The device or null.</returns>
    public LanDevice? FindLanDevice(int id)
    {
        foreach (var device in Options.LanDevices)
        {
            if (device.Id == id)
            {
                return device;
            }
        }
        return null;
    }

    /// <summary>
    /// The id of the LAN device named <paramref name="nameOrId"/> (its <see cref="LanDevice.Name"/>, case-insensitive,
    /// or its id as text): what the argument binder's <c>LanDevice</c> lookup needs.
    /// </summary>
    /// <param name="nameOrId">A name or an id.</param>
    /// <returns>The id, or null when no LAN device matches.</returns>
    public long? LookupLanDevice(string nameOrId)
    {
        foreach (var device in Options.LanDevices)
        {
            if (string.Equals(device.Name, nameOrId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), nameOrId, StringComparison.Ordinal))
            {
                return device.Id;
            }
        }
        return null;
    }

    /// <summary>Closes every handle <paramref name="task"/> opened (the engine calls it when the task ends).</summary>
    /// <param name="task">The task.</param>
    public void CloseAll(TaskRun task)
    {
        ArgumentNullException.ThrowIfNull(task);
        HashSet<IoHandle>? handles;
        lock (_lock)
        {
            _byTask.Remove(task, out handles);
        }
        if (handles is null)
        {
            return;
        }
        foreach (var handle in handles)
        {
            handle.Close();
        }
        _log.HandlesClosed(task.Id, task.Name, handles.Count);
    }

    /// <summary>Closes every handle and the HTTP client.</summary>
    public void Dispose()
    {
        List<TaskRun> tasks;
        lock (_lock)
        {
            tasks = [.. _byTask.Keys];
        }
        foreach (var task in tasks)
        {
            CloseAll(task);
        }
        Http.Dispose();
    }

    internal void Release(IoHandle handle)
    {
        lock (_lock)
        {
            if (_handles.TryGetValue(handle.Id, out var current) && ReferenceEquals(current, handle))
            {
                _handles.Remove(handle.Id);
                _freeIds.Add(handle.Id);
            }
            if (_byTask.TryGetValue(handle.Task, out var set))
            {
                set.Remove(handle);
            }
        }
    }

    internal void LogRefused(IoHandle handle, string reason) => _log.DestinationRefused(handle.Task.Id, handle.Task.Name, handle, reason);

    internal void LogFailed(IoHandle handle, string reason) => _log.HandleFailed(handle.Task.Id, handle.Task.Name, handle, reason);

    private T Register<T>(TaskRun task, Func<int, T> create)
        where T : IoHandle
    {
        T handle;
        bool first;
        lock (_lock)
        {
            int id;
            if (_freeIds.Count > 0)
            {
                id = _freeIds.Min;
                _freeIds.Remove(id);
            }
            else
            {
                id = _nextId++;
            }
            handle = create(id);
            _handles.Add(id, handle);
            first = !_byTask.TryGetValue(task, out var set);
            if (first)
            {
                set = [];
                _byTask.Add(task, set);
            }
            set!.Add(handle);
        }
        if (first)
        {
            // Closing at the task's end: everything a task opened goes with it. A task that already ended
            // runs this at once, closing the handle it just opened.
            _ = task.WhenEnded.ContinueWith(
                static (_, state) =>
                {
                    var (service, ended) = ((IoService, TaskRun))state!;
                    service.CloseAll(ended);
                },
                (this, task),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        return handle;
    }

    private async ValueTask<Stream> ConnectHttpAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var (addresses, error) = await Policy.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses is null)
        {
            throw new HttpRequestException(error);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
