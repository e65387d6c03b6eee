using Liberty.Actors.Events;
using Liberty.Actors.Remote;

namespace Liberty.Actors;

/// <summary>Settings of one <see cref="ActorSystem"/>; validated by <see cref="ActorSystem.Create"/>.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The default node name: "local".</summary>
    public const string DefaultNodeName = "local";

    /// <summary>
    /// This node's name in addresses (<c>liberty://system@node</c>); unique in a cluster. Default
    /// <see cref="DefaultNodeName"/>. Must not contain '/' or be empty.
    /// </summary>
    public string NodeName { get; set; } = DefaultNodeName;

    /// <summary>Every timer, timeout and deadline in the system uses it. Default <see cref="TimeProvider.System"/>; specs pass a manual one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>User messages per mailbox run on the default dispatcher (must be positive). Default <see cref="Dispatch.ThreadPoolDispatcher.DefaultThroughput"/>.</summary>
    public int DefaultThroughput { get; set; } = Dispatch.ThreadPoolDispatcher.DefaultThroughput;

    /// <summary>Timeout of <c>Ask</c> calls that pass none. Default <see cref="Timeout.InfiniteTimeSpan"/> (as Akka); must be positive or infinite.</summary>
    public TimeSpan DefaultAskTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Lowest level actor loggers publish (<see cref="ILoggingAdapter"/>). Default <see cref="Events.LogLevel.Info"/>.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Info;

    /// <summary>
    /// Lowest level echoed to standard error by the built-in logger; null (the default) for none. A host
    /// normally subscribes to <see cref="LogEvent"/> and forwards to its own logging instead.
    /// </summary>
    public LogLevel? StandardErrorLogLevel { get; set; }

    /// <summary>Carries messages to refs of other nodes; null (the default) for a system without remoting.</summary>
    public IRemoteTransport? RemoteTransport { get; set; }

    /// <summary>Registers the manifests of message types that may cross nodes (see <see cref="MessageSerializer"/>).</summary>
    public Action<MessageSerializer>? ConfigureSerializer { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeName) || NodeName.Contains('/', StringComparison.Ordinal) || NodeName.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"ActorSystemOptions.NodeName '{NodeName}' is invalid: it must be non-empty and contain neither '/' nor '@'.");
        }
        ArgumentNullException.ThrowIfNull(TimeProvider, "ActorSystemOptions.TimeProvider");
        if (DefaultThroughput <= 0)
        {
            throw new ArgumentException($"ActorSystemOptions.DefaultThroughput must be positive, was {DefaultThroughput}.");
        }
        if (DefaultAskTimeout <= TimeSpan.Zero && DefaultAskTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"ActorSystemOptions.DefaultAskTimeout must be positive or infinite, was {DefaultAskTimeout}.");
        }
    }
}
