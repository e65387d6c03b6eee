using Akka.Actor.Setup;

namespace Liberty.Actors.Cooperative;

/// <summary>
/// Hands a <see cref="CooperativeExecutor"/> to the actor system being created, so the cooperative
/// dispatcher's configurator (<see cref="CooperativeExecutorConfigurator"/>) uses that instance: the one the
/// engine posts task-thread continuations to.
/// </summary>
/// <param name="executor">The executor; owned by whoever created it (<see cref="LibertyActorSystem"/> disposes it with the system).</param>
public sealed class CooperativeSetup(CooperativeExecutor executor) : Setup
{
    /// <summary>The executor.</summary>
    public CooperativeExecutor Executor { get; } = executor ?? throw new ArgumentNullException(nameof(executor));
}
