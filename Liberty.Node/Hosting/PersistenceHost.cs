using Liberty.Node.Persistence;

namespace Liberty.Node.Hosting;

/// <summary>
/// The node's <see cref="AkkaTaskStore"/> on an Akka actor system of its own, configured by
/// <see cref="PersistenceHocon.Create"/>: the node's store without a node, for tools, specs and benchmarks that
/// read or write a data folder. A running node starts the store on its own actor system instead.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread. <b>Cancellation:</b> none. <b>Ordering:</b> <see cref="DisposeAsync"/> stops the
/// store (everything told to it is stored first) before it terminates the system.</para>
/// </remarks>
internal sealed class PersistenceHost : IAsyncDisposable
{
    private readonly Akka.Actor.ActorSystem _system;
    private int _disposed;

    private PersistenceHost(Akka.Actor.ActorSystem system, AkkaTaskStore store)
    {
        _system = system;
        Store = store;
    }

    /// <summary>The store (call <see cref="AkkaTaskStore.LoadAsync"/> before writing).</summary>
    public AkkaTaskStore Store { get; }

    /// <summary>Creates the actor system and starts the store on it.</summary>
    /// <param name="options">The persistence options (validated here).</param>
    /// <param name="logger">Where the store logs; null for none.</param>
    /// <returns>The host; dispose it at shutdown.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    /// <exception cref="InvalidOperationException">The SQLite file cannot be opened.</exception>
    public static PersistenceHost Start(PersistenceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // This system exists for the store alone: the node stops it (after the store) rather than Akka's process-exit
        // hook, and its own log goes through the node's logger, so Akka's console log keeps to warnings.
        var config = Akka.Configuration.ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """).WithFallback(PersistenceHocon.Create(options));
        var system = Akka.Actor.ActorSystem.Create("liberty-persistence", config);
        try
        {
            return new PersistenceHost(system, AkkaTaskStore.Start(system, options, logger));
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Stops the store, then terminates the actor system. Idempotent.</summary>
    /// <returns>Completes when both are down.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await Store.DisposeAsync().ConfigureAwait(false);
        await _system.Terminate().ConfigureAwait(false);
    }
}
