using Akka.Actor;
using Liberty.Actors;
using Liberty.Actors.Cooperative;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Node.Apps;
using Liberty.Node.Cluster;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Node.Management;
using Liberty.Node.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Liberty.Node.Hosting;

/// <summary>
/// One running node: the data folder lock and token, the actor system with the cooperative dispatcher and task engine,
/// the devices, the app and task service, and the management HTTP API. <see cref="StartAsync"/> composes and starts
/// them; <see cref="StopAsync"/> takes them down in order (HTTP first, then tasks and journal, then actors).
/// </summary>
/// <remarks>
/// <b>Thread:</b> start and stop from one thread; the properties from any. <b>Cancellation:</b> a cancelled start
/// releases what it took. <b>Ordering:</b> stop is idempotent; the second call waits for the first.
/// </remarks>
internal sealed class LibertyNode : IAsyncDisposable
{
    /// <summary>Exit code: the node failed to start for a reason other than those below (a bug or a fault of the machine).</summary>
    public const int ExitStartFailed = 1;

    /// <summary>
    /// Exit code: the configuration is invalid, or names what this machine cannot give: an address it does not have,
    /// a port another program holds, a PostgreSQL server that does not answer.
    /// </summary>
    public const int ExitInvalidConfiguration = 2;

    /// <summary>Exit code: another node holds the data folder.</summary>
    public const int ExitDataFolderLocked = 3;

    /// <summary>The marker file written once the sample apps were deployed into a data folder.</summary>
    public const string SamplesMarker = "samples.deployed";

    /// <summary>How long a stopping node waits for the cluster to let it go before it stops anyway.</summary>
    private static readonly TimeSpan ClusterLeaveTimeout = TimeSpan.FromSeconds(5);

    private static readonly Task<string> Never = new TaskCompletionSource<string>().Task;

    private readonly DataFolderLock _lock;
    private readonly WebApplication _web;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeSpan _stepTimeout;
    private readonly Lock _stopLock = new();
    private readonly IActorRef? _deviceState;
    private readonly MqttService? _mqtt;
    private Task? _stopping;

    private LibertyNode(NodeOptions options, string dataFolder, DataFolderLock held, string token, WebApplication web, NodeServices services, ILoggerFactory loggerFactory, TimeSpan stepTimeout, IActorRef? deviceState, MqttService? mqtt)
    {
        _deviceState = deviceState;
        _mqtt = mqtt;
        Options = options;
        DataFolder = dataFolder;
        _lock = held;
        Token = token;
        _web = web;
        Services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LibertyNode>();
        _stepTimeout = stepTimeout;
    }

    /// <summary>The options it runs with.</summary>
    public NodeOptions Options { get; }

    /// <summary>The full path of its data folder.</summary>
    public string DataFolder { get; }

    /// <summary>The admin token of the API.</summary>
    public string Token { get; }

    /// <summary>The token file.</summary>
    public string TokenFile => Path.Combine(DataFolder, AdminToken.FileName);

    /// <summary>The API's base address (the actual port when 0 was asked), e.g. <c>http://127.0.0.1:9110</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The parts the API reads.</summary>
    public NodeServices Services { get; }

    /// <summary>
    /// Completes with the reason when the cluster removed this node (downed by the split brain resolver or an operator);
    /// <c>liberty run</c> then restarts the node so that it rejoins. Never completes on a node that runs alone.
    /// </summary>
    public Task<string> RemovedFromCluster => Services.Cluster?.Removed ?? Never;

    /// <summary>Whether the cluster removed this node because an operator asked it to leave (it then stops, not rejoins).</summary>
    public bool LeftCluster => Services.Cluster?.Left ?? false;

    /// <summary>Whether this node has been an Up member of its cluster during this run.</summary>
    public bool JoinedCluster => Services.Cluster?.HasJoined ?? false;

    /// <summary>Validates nothing (the options are validated already), takes the data folder and starts everything.</summary>
    /// <param name="options">Validated options (NodeConfiguration).</param>
    /// <param name="settings">Clock, logging and test seams; null for defaults.</param>
    /// <param name="cancellationToken">Abandons the start (what was taken is released).</param>
    /// <returns>The running node, or the exit code and reasons it did not start.</returns>
    public static async Task<NodeStartResult> StartAsync(NodeOptions options, NodeStartSettings? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings ??= new NodeStartSettings();
        NodeThreadPool.RaiseFloor();
        var dataFolder = Path.GetFullPath(options.DataFolder);
        if (string.IsNullOrWhiteSpace(options.Persistence.DataFolder))
        {
            options.Persistence.DataFolder = dataFolder;
        }
        if (!Hosting.DataFolder.TryPrepare(dataFolder, out var folderError))
        {
            return new NodeStartResult(null, ExitInvalidConfiguration, [$"Node:DataFolder: {folderError}"]);
        }
        if (!DataFolderLock.TryAcquire(dataFolder, out var held, out var lockError))
        {
            return new NodeStartResult(null, ExitDataFolderLocked, [lockError]);
        }
        // Before anything starts: a node that cannot serve its API or reach its store says so in one line.
        var unavailable = StartChecks.TryListen(options.Http.Listen, out var listenError) ? null : listenError;
        if (unavailable is null && settings.TaskService is null)
        {
            unavailable = await StartChecks.CheckStoreAsync(options.Persistence, cancellationToken).ConfigureAwait(false);
        }
        if (unavailable is not null)
        {
            held!.Dispose();
            return new NodeStartResult(null, ExitInvalidConfiguration, [unavailable]);
        }
        var cleanup = new Stack<Func<ValueTask>>();
        cleanup.Push(() => { held!.Dispose(); return ValueTask.CompletedTask; });
        try
        {
            var token = AdminToken.LoadOrCreate(dataFolder, out var tokenCreated);
            var recent = new RecentLog(settings.Time);
            var loggerFactory = LoggerFactory.Create(b =>
            {
                b.SetMinimumLevel(LogLevel.Information);
                b.AddFilter("Microsoft", LogLevel.Warning);
                // The host logs a failed start with its stack trace; the node reports it in one line instead.
                b.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
                b.AddFilter("System.Net.Http", LogLevel.Warning);
                b.AddProvider(recent);
                settings.ConfigureLogging?.Invoke(b);
            });
            cleanup.Push(() => { loggerFactory.Dispose(); return ValueTask.CompletedTask; });
            var logger = loggerFactory.CreateLogger<LibertyNode>();
            var tokenFile = Path.Combine(dataFolder, AdminToken.FileName);
            if (tokenCreated)
            {
                HostingLog.TokenCreated(logger, tokenFile);
            }

            // One actor system for the whole node: task threads, devices and the persistent store. The node stops it
            // itself (SIGTERM handling in `liberty run`), so Akka's process-exit hook is off.
            var persistent = settings.TaskService is null;
            // The node stops its actor system itself, in order (StopAsync): neither the process exit nor Akka's own
            // shutdown after a cluster leave may terminate it under the tasks and the store.
            var nodeConfig = Akka.Configuration.ConfigurationFactory.ParseString("""
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.coordinated-shutdown.terminate-actor-system = off
                akka.coordinated-shutdown.run-by-actor-system-terminate = off
                """);
            if (persistent)
            {
                nodeConfig = nodeConfig.WithFallback(PersistenceHocon.Create(options.Persistence));
            }
            // Akka's own warnings matter in a cluster (associations, quarantines); alone, only its errors.
            var akkaLevel = options.Cluster.Enabled ? "WARNING" : "ERROR";
            nodeConfig = nodeConfig.WithFallback(AkkaLogBridge.Register(loggerFactory, akkaLevel, out var bridgeKey));
            cleanup.Push(() => { AkkaLogBridge.Unregister(bridgeKey); return ValueTask.CompletedTask; });
            var setups = new List<Akka.Actor.Setup.Setup>();
            if (options.Cluster.Enabled)
            {
                nodeConfig = nodeConfig
                    .WithFallback(ClusterHocon.Create(options.Cluster, options.Name, typeof(LibertyNode).Assembly.GetName().Version ?? new Version(0, 0, 0)))
                    .WithFallback(Liberty.Actors.Serialization.RemoteMessageSerializer.Config);
                if (options.Cluster.Tls.Enabled)
                {
                    if (!ClusterTls.TryCreate(options.Cluster.Tls, loggerFactory.CreateLogger("Liberty.Cluster"), out var tls, out var tlsError))
                    {
                        await Unwind(cleanup).ConfigureAwait(false);
                        return new NodeStartResult(null, ExitInvalidConfiguration, [tlsError]);
                    }
                    setups.Add(tls);
                }
            }
            ActorSystem system;
            try
            {
                system = LibertyActorSystem.Create(options.Cluster.Enabled ? options.Cluster.Name : "liberty", new LibertyActorSystemOptions
                {
                    Clock = settings.Time,
                    LogLevel = akkaLevel,
                    Cooperative = new CooperativeExecutorOptions { HandOffThreshold = options.Engine.HandOffThreshold },
                    Config = nodeConfig,
                    Setups = setups,
                });
            }
            catch (Exception e) when (options.Cluster.Enabled && e.GetBaseException() is System.Net.Sockets.SocketException or Akka.Remote.RemoteTransportException)
            {
                await Unwind(cleanup).ConfigureAwait(false);
                var where = $"{options.Cluster.Host}:{options.Cluster.Port}";
                return new NodeStartResult(null, ExitInvalidConfiguration, [e.GetBaseException() is System.Net.Sockets.SocketException socket && System.Net.IPAddress.TryParse(options.Cluster.Host, out var host)
                    ? StartChecks.ListenError("Cluster:Port", where, host, socket)
                    : $"Cluster:Port: cannot listen on {where}: {e.GetBaseException().Message}"]);
            }
            system.RegisterOnTermination(() => AkkaLogBridge.Unregister(bridgeKey));
            cleanup.Push(async () => await system.Terminate().ConfigureAwait(false));
            var cluster = options.Cluster.Enabled ? ClusterService.Start(system, options.Cluster, options.Name, settings.Time, loggerFactory) : null;
            var deadLetters = DeadLetterCounter.Start(system);
            var taskHost = new TaskHost(system, options.Engine, loggerFactory);
            var dispatcher = taskHost.Executor;
            cleanup.Push(() => { taskHost.Dispose(); return ValueTask.CompletedTask; });
            // The journal is read before the devices are created: they start from their last-known attributes.
            AkkaTaskStore? store = null;
            var stored = StoredNodeState.Empty;
            if (persistent)
            {
                if (options.Persistence.Provider == PersistenceProvider.Sqlite)
                {
                    Hosting.DataFolder.ProtectFile(options.Persistence.SqlitePath);
                }
                store = AkkaTaskStore.Start(system, options.Persistence, loggerFactory.CreateLogger<AkkaTaskStore>());
                cleanup.Push(() => store.DisposeAsync());
                stored = await store.LoadAsync().ConfigureAwait(false);
            }
            var bus = new DeviceEventBus();
            var directory = new DeviceDirectory();
            var registry = system.ActorOf(DeviceRegistry.Props(options.Name, options.Devices, options.DeviceActor, bus, directory, loggerFactory, stored.Devices), "devices");
            // The registry creates the declared devices in PreStart; one round trip proves it has.
            await registry.Ask<DeviceList>(ListDevices.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (stored.Devices.Count > 0)
            {
                HostingLog.DeviceStatesRestored(logger, stored.Devices.Count);
            }
            // MQTT devices are adopted as their announcements arrive; the node does not wait for the broker.
            MqttService? mqtt = null;
            if (options.Mqtt.IsEnabled)
            {
                try
                {
                    mqtt = await MqttService.StartAsync(system, options.Name, options.Mqtt, options.DeviceActor.CommandTimeout, registry, directory, bus, loggerFactory).ConfigureAwait(false);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    await Unwind(cleanup).ConfigureAwait(false);
                    return new NodeStartResult(null, ExitStartFailed, [$"Mqtt:EmbeddedBroker: cannot listen on {options.Mqtt.EmbeddedBroker.Listen}:{options.Mqtt.EmbeddedBroker.Port}: {e.Message}"]);
                }
                cleanup.Push(() => mqtt.DisposeAsync());
            }
            // Before tasks start: a task's .sig arguments and subscriptions may name devices of other nodes.
            if (cluster is not null)
            {
                var clusterDevices = ClusterDevices.Start(system, options.Name, directory, bus, options.Cluster.Devices, loggerFactory);
                cleanup.Push(() => clusterDevices.DisposeAsync());
                cluster.Devices = clusterDevices;
            }

            var parts = new NodeParts(options, dataFolder, system, taskHost, directory, bus, registry, loggerFactory);
            var tasks = settings.TaskService?.Invoke(parts) ?? await CreateTaskServiceAsync(parts, store!, stored, settings.HoldTasks, cleanup).ConfigureAwait(false);
            if (cluster is not null)
            {
                system.ActorOf(ClusterTasks.Props(tasks), ClusterTasks.Name);
            }
            var deviceState = store is null ? null
                : system.ActorOf(DeviceStateRecorder.Props(bus, directory, store, options.DeviceStateSaveInterval, stored.Devices, loggerFactory.CreateLogger<DeviceStateRecorder>()), "device-state");
            var services = new NodeServices(options.Name, system, dispatcher, deadLetters, taskHost, directory, bus, tasks, recent,
                settings.Time.GetTimestamp(), settings.Time.GetUtcNow(), options.DeviceActor.CommandTimeout + TimeSpan.FromSeconds(5), cluster);

            var web = BuildWeb(options, loggerFactory, services, token);
            cleanup.Push(async () => await web.DisposeAsync().ConfigureAwait(false));
            try
            {
                await web.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                // Another program took the port between the check and now.
                await Unwind(cleanup).ConfigureAwait(false);
                return new NodeStartResult(null, ExitInvalidConfiguration, [(e as System.Net.Sockets.SocketException ?? e.InnerException as System.Net.Sockets.SocketException) is { } socket && HttpOptions.TryParseListen(options.Http.Listen, out var listenAddress, out _, out _)
                    ? StartChecks.ListenError("Http:Listen", options.Http.Listen, listenAddress, socket)
                    : $"Http:Listen: cannot listen on {options.Http.Listen}: {e.Message}"]);
            }
            var node = new LibertyNode(options, dataFolder, held!, token, web, services, loggerFactory, settings.ShutdownStepTimeout, deviceState, mqtt);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            node.BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal));
            await node.DeploySamplesAsync(cancellationToken).ConfigureAwait(false);
            var url = node.BaseAddress.ToString();
            HostingLog.Started(logger, options.Name, dataFolder, url, directory.Count);
            return new NodeStartResult(node, 0, []);
        }
        catch
        {
            await Unwind(cleanup).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the node: HTTP, then tasks (interrupted; the journal flushed), then the actor system; releases the data folder.</summary>
    /// <returns>When stopped.</returns>
    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static async Task<ITaskService> CreateTaskServiceAsync(NodeParts parts, AkkaTaskStore store, StoredNodeState state, bool hold, Stack<Func<ValueTask>> cleanup)
    {
        var options = parts.Options;
        if (!Liberty.Devices.Actions.DeviceActions.TryCreate(options.Name, options.Devices.Actions, out var actions, out var problems))
        {
            throw new InvalidOperationException("Devices:Actions: " + string.Join("; ", problems));
        }
        var io = new Liberty.Node.Engine.Io.IoService(options.Network, parts.TaskHost.Time, parts.LoggerFactory);
        cleanup.Push(() => { io.Dispose(); return ValueTask.CompletedTask; });
        var services = new LuaServices(parts.TaskHost)
        {
            Io = io,
            LoggerFactory = parts.LoggerFactory,
            Store = store,
            Devices = parts.Directory,
            DeviceBus = parts.Bus,
            DeviceRegistry = parts.DeviceRegistry,
            DeviceActions = actions,
            Options = options.Lua,
        };
        var manager = new TaskManager(services);
        cleanup.Push(() => { manager.Dispose(); return ValueTask.CompletedTask; });
        await manager.RecoverAsync(state, hold).ConfigureAwait(false);
        return new TaskManagerService(manager, store, io);
    }

    private static WebApplication BuildWeb(NodeOptions options, ILoggerFactory loggerFactory, NodeServices services, string token)
    {
        if (!HttpOptions.TryParseListen(options.Http.Listen, out var address, out var port, out var listenError))
        {
            throw new ArgumentException($"Http:Listen: {listenError} (options must be validated before start)", nameof(options));
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        ManagementApi.AddServices(builder.Services);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.Http.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
        });
        var web = builder.Build();
        ManagementApi.Map(web, services, token);
        return web;
    }

    private static async Task Unwind(Stack<Func<ValueTask>> cleanup)
    {
        while (cleanup.TryPop(out var step))
        {
            await step().ConfigureAwait(false);
        }
    }

    private async Task DeploySamplesAsync(CancellationToken cancellationToken)
    {
        var marker = Path.Combine(DataFolder, SamplesMarker);
        if (!Options.DeploySampleApps || File.Exists(marker) || Services.Tasks is UnavailableTaskService)
        {
            return;
        }
        var folder = string.IsNullOrEmpty(Options.AppsFolder) ? Path.Combine(AppContext.BaseDirectory, "apps") : Path.GetFullPath(Options.AppsFolder);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.lua").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var sig = Path.ChangeExtension(file, ".sig");
                var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var description in Directory.GetFiles(folder, name + ".sigdesc.*"))
                {
                    descriptions[Path.GetFileName(description)[(name.Length + ".sigdesc.".Length)..]] = await File.ReadAllTextAsync(description, cancellationToken).ConfigureAwait(false);
                }
                var result = await Services.Tasks.DeployAppAsync(name, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false),
                    File.Exists(sig) ? await File.ReadAllTextAsync(sig, cancellationToken).ConfigureAwait(false) : null, descriptions, cancellationToken).ConfigureAwait(false);
                if (result.Ok)
                {
                    HostingLog.SampleDeployed(_logger, name, file);
                }
                else
                {
                    HostingLog.SampleRefused(_logger, file, result.Error ?? result.Kind.ToString());
                }
            }
        }
        await File.WriteAllTextAsync(marker, "sample apps deployed at first start; delete this file to deploy them again\n", cancellationToken).ConfigureAwait(false);
    }

    private async Task StopCoreAsync()
    {
        HostingLog.Stopping(_logger, Options.Name);
        await Step("http", () => _web.StopAsync(CancellationToken.None)).ConfigureAwait(false);
        if (Services.Cluster is { } cluster)
        {
            // First, so that the other members see a graceful leave (no alarm for this node's devices), not a failure.
            await Step("cluster", () => cluster.LeaveForShutdownAsync(ClusterLeaveTimeout)).ConfigureAwait(false);
        }
        if (_deviceState is not null)
        {
            // Before the journal closes: the devices' changes of the last interval.
            await Step("device-state", () => _deviceState.Ask<object>(DeviceStateRecorder.FlushNow.Instance, _stepTimeout, CancellationToken.None)).ConfigureAwait(false);
        }
        await Step("tasks", () => Services.Tasks.ShutdownAsync(CancellationToken.None)).ConfigureAwait(false);
        if (_mqtt is not null)
        {
            await Step("mqtt", async () => await _mqtt.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
        if (Services.Cluster?.Devices is { } clusterDevices)
        {
            await Step("cluster-devices", async () => await clusterDevices.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
        await Step("actors", () => Services.System.Terminate()).ConfigureAwait(false);
        await Step("engine", () => { Services.TaskHost.Dispose(); return Task.CompletedTask; }).ConfigureAwait(false);
        HostingLog.Stopped(_logger, Options.Name);
        await Step("web", async () => await _web.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        _loggerFactory.Dispose();
        _lock.Dispose();
    }

    private async Task Step(string name, Func<Task> step)
    {
        try
        {
            await step().WaitAsync(_stepTimeout).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A stop goes on whatever one step threw (an Ask timing out, a store already stopped): the process must not crash on its way out.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.ShutdownStepFailed(_logger, name, e);
        }
    }
}
