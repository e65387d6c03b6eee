using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Liberty.Actors.Cooperative;
using Liberty.Actors.Time;

namespace Liberty.Actors;

/// <summary>
/// Creates the Akka actor system of a Liberty node (or of a spec): Akka's scheduler on the node's
/// <see cref="TimeProvider"/> (<see cref="TimeProviderScheduler"/>) and the cooperative dispatcher
/// (<see cref="CooperativeDispatcherId"/>) on a <see cref="CooperativeExecutor"/>.
/// </summary>
public static class LibertyActorSystem
{
    /// <summary>The dispatcher id of the cooperative dispatcher: <c>Props.WithDispatcher(CooperativeDispatcherId)</c>.</summary>
    public const string CooperativeDispatcherId = "liberty.cooperative-dispatcher";

    /// <summary>Creates and starts a system; the executor is disposed when the system terminates.</summary>
    /// <param name="name">The system's name (Akka's rules: letters, digits, '-' and '_').</param>
    /// <param name="options">Clock, executor and configuration; defaults when null.</param>
    /// <returns>The running system.</returns>
    public static ActorSystem Create(string name, LibertyActorSystemOptions? options = null)
    {
        var setup = CreateSetup(options, out var clockKey);
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(name, setup);
        }
        catch
        {
            TimeProviderScheduler.Unregister(clockKey);
            setup.Get<CooperativeSetup>().Value.Executor.Dispose();
            throw;
        }
        var executor = Executor(system);
        ReportErrorsTo(system);
        system.RegisterOnTermination(executor.Dispose);
        return system;
    }

    /// <summary>
    /// Builds the setup <see cref="Create"/> uses, for code that creates the system itself (Akka's TestKit).
    /// Whoever creates the system disposes <c>Executor(system)</c> after it terminated.
    /// </summary>
    /// <param name="options">Clock, executor and configuration; defaults when null.</param>
    /// <param name="clockKey">The clock's registration (<see cref="TimeProviderScheduler.Unregister"/> it if no system is created).</param>
    /// <returns>The setup.</returns>
    public static ActorSystemSetup CreateSetup(LibertyActorSystemOptions? options, out string clockKey)
    {
        options ??= new LibertyActorSystemOptions();
        options.Cooperative.Clock = options.Clock;
        var executor = new CooperativeExecutor(CooperativeDispatcherId, options.Cooperative);
        clockKey = TimeProviderScheduler.Register(options.Clock);
        var liberty = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = {{options.LogLevel}}
              stdout-loglevel = {{options.LogLevel}}
              scheduler.implementation = "{{typeof(TimeProviderScheduler).FullName}}, {{typeof(TimeProviderScheduler).Assembly.GetName().Name}}"
            }
            liberty {
              clock = "{{clockKey}}"
              cooperative-dispatcher {
                type = Dispatcher
                executor = "{{typeof(CooperativeExecutorConfigurator).FullName}}, {{typeof(CooperativeExecutorConfigurator).Assembly.GetName().Name}}"
                throughput = 1
              }
            }
            """);
        var config = options.Config is null ? liberty : options.Config.WithFallback(liberty);
        var setup = BootstrapSetup.Create().WithConfig(config).And(new CooperativeSetup(executor));
        foreach (var more in options.Setups)
        {
            setup = setup.And(more);
        }
        return setup;
    }

    /// <summary>The cooperative executor of a system made by <see cref="Create"/> or <see cref="CreateSetup"/>.</summary>
    /// <param name="system">The system.</param>
    /// <returns>The executor.</returns>
    /// <exception cref="InvalidOperationException">The system has none.</exception>
    public static CooperativeExecutor Executor(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var setup = system.Settings.Setup.Get<CooperativeSetup>();
        return setup.HasValue ? setup.Value.Executor : throw new InvalidOperationException($"Actor system {system.Name} has no cooperative executor (create it with LibertyActorSystem).");
    }

    /// <summary>
    /// Sends the faults of the system's cooperative executor (an exception escaping a continuation, a hook or an
    /// observer) to the system's log. <see cref="Create"/> does it; call it for a system made from <see cref="CreateSetup"/>.
    /// </summary>
    /// <param name="system">The system.</param>
    public static void ReportErrorsTo(ActorSystem system)
    {
        var log = system.Log;
        Executor(system).OnError = (ex, what) => log.Error(ex, "Cooperative executor: unhandled exception in {0}", what);
    }

    /// <summary>The clock of a system whose scheduler is a <see cref="TimeProviderScheduler"/>.</summary>
    /// <param name="system">The system.</param>
    /// <returns>Its clock; <see cref="TimeProvider.System"/> for a system with Akka's own scheduler.</returns>
    public static TimeProvider Clock(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Scheduler is TimeProviderScheduler scheduler ? scheduler.Clock : TimeProvider.System;
    }
}
