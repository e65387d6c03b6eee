using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Liberty.Node.Hosting;

/// <summary>
/// An Akka logger (<c>akka.loggers</c>) that writes Akka's own log events (remoting, cluster, persistence) into the
/// node's log, so an operator reads one log in one format: category <c>Akka.&lt;source class&gt;</c>.
/// </summary>
/// <remarks>
/// Akka creates the logger by type name, so it finds the node's logger factory through a key in the system's
/// configuration (<c>liberty.log-bridge</c>) that <see cref="Register"/> hands out.
/// </remarks>
internal sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private static readonly ConcurrentDictionary<string, ILoggerFactory> Factories = new(StringComparer.Ordinal);

    /// <summary>Creates the logger (Akka does, from <c>akka.loggers</c>).</summary>
    public AkkaLogBridge()
    {
        var key = Context.System.Settings.Config.GetString("liberty.log-bridge", "");
        var factory = Factories.TryGetValue(key, out var found) ? found : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var loggers = new ConcurrentDictionary<Type, ILogger>();
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            var logger = loggers.GetOrAdd(e.LogClass ?? typeof(ActorSystem), static (type, f) => f.CreateLogger("Akka." + type.Name), factory);
            var level = e.LogLevel() switch
            {
                Akka.Event.LogLevel.ErrorLevel => Microsoft.Extensions.Logging.LogLevel.Error,
                Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
                Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
                _ => Microsoft.Extensions.Logging.LogLevel.Debug,
            };
            if (logger.IsEnabled(level))
            {
#pragma warning disable CA1848, CA2254 // Akka's events arrive formatted: there is no message template to cache.
                logger.Log(level, (e as Error)?.Cause, "{Message} [{Source}]", e.Message?.ToString(), e.LogSource);
#pragma warning restore CA1848, CA2254
            }
        });
    }

    /// <summary>The configuration that installs the bridge for <paramref name="factory"/> (unregister with <see cref="Unregister"/>).</summary>
    /// <param name="factory">The node's logger factory.</param>
    /// <param name="level">Akka's log level: WARNING, ERROR...</param>
    /// <param name="key">The key to unregister.</param>
    /// <returns>The configuration to fall back on.</returns>
    public static Akka.Configuration.Config Register(ILoggerFactory factory, string level, out string key)
    {
        key = Guid.NewGuid().ToString("N");
        Factories[key] = factory;
        return Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.loggers = ["{{typeof(AkkaLogBridge).FullName}}, {{typeof(AkkaLogBridge).Assembly.GetName().Name}}"]
            akka.loglevel = {{level}}
            akka.stdout-loglevel = OFF
            liberty.log-bridge = "{{key}}"
            """);
    }

    /// <summary>Forgets a factory registered by <see cref="Register"/>.</summary>
    /// <param name="key">Its key.</param>
    public static void Unregister(string key) => Factories.TryRemove(key, out _);
}
