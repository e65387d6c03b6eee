using Akka.Configuration;
using Akka.Dispatch;

namespace Liberty.Actors.Cooperative;

/// <summary>
/// Akka's hook for the cooperative dispatcher's executor (<c>executor = "Liberty.Actors.Cooperative.CooperativeExecutorConfigurator, Liberty.Actors"</c>):
/// produces the <see cref="CooperativeExecutor"/> handed to the system in its <see cref="CooperativeSetup"/>.
/// Created by Akka from configuration; not called by user code.
/// </summary>
public sealed class CooperativeExecutorConfigurator : ExecutorServiceConfigurator
{
    /// <summary>Created by Akka.</summary>
    /// <param name="config">The dispatcher's configuration.</param>
    /// <param name="prerequisites">The system's settings (the setup is read from them).</param>
    public CooperativeExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
    }

    /// <inheritdoc />
    public override ExecutorService Produce(string id)
    {
        var setup = Prerequisites.Settings.Setup.Get<CooperativeSetup>();
        if (!setup.HasValue)
        {
            throw new ConfigurationException($"Dispatcher {id} runs on a cooperative executor, but the system was created without a CooperativeSetup (use LibertyActorSystem.Create).");
        }
        return setup.Value.Executor;
    }
}
