using Liberty.Actors.Events;

namespace Liberty.TestKit;

/// <summary>How a <see cref="TestKit"/> sets up its system.</summary>
public sealed class TestKitOptions
{
    /// <summary>The actor system's name. Default "test".</summary>
    public string SystemName { get; set; } = "test";

    /// <summary>
    /// Run the system on virtual time: a <see cref="ManualTimeProvider"/> that moves only through
    /// <see cref="TestKit.Advance"/>. Default false (real time).
    /// </summary>
    public bool VirtualTime { get; set; }

    /// <summary>Lowest log level written to the test output (when one is given). Default <see cref="LogLevel.Warning"/>.</summary>
    public LogLevel OutputLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Further changes to the system's options (node name, transport, serializer...).</summary>
    public Action<ActorSystemOptions>? ConfigureSystem { get; set; }
}
