using Akka.Configuration;
using Liberty.Actors.Cooperative;

namespace Liberty.Actors;

/// <summary>How <see cref="LibertyActorSystem"/> builds an Akka actor system for Liberty.</summary>
public sealed class LibertyActorSystemOptions
{
    /// <summary>The one clock of the system: Akka's scheduler, slice stamps, and whatever else reads it. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The cooperative executor's settings (its <see cref="CooperativeExecutorOptions.Clock"/> is set to <see cref="Clock"/>).</summary>
    public CooperativeExecutorOptions Cooperative { get; set; } = new();

    /// <summary>Akka's log level (<c>akka.loglevel</c>): DEBUG, INFO, WARNING, ERROR or OFF. Default WARNING.</summary>
    public string LogLevel { get; set; } = "WARNING";

    /// <summary>More configuration (persistence, remoting, loggers); it wins over Liberty's defaults. Default none.</summary>
    public Config? Config { get; set; }

    /// <summary>More programmatic setups for the actor system (e.g. remoting's TLS setup). Default none.</summary>
    public IReadOnlyList<Akka.Actor.Setup.Setup> Setups { get; set; } = [];
}
