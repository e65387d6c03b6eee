using Liberty.Actors.Internal;

namespace Liberty.Actors.Events;

/// <summary>Echoes <see cref="LogEvent"/>s at or above a level to standard error (opt-in; see <see cref="ActorSystemOptions.StandardErrorLogLevel"/>).</summary>
internal sealed class StandardErrorLogger(LogLevel minimum) : InternalActorRef
{
    private static readonly ActorPath LoggerPath = ActorPath.Root(new Address("logging", "local")).Child("stderr");

    public override ActorPath Path => LoggerPath;

    public static void Attach(EventStream stream, LogLevel minimum) => stream.Subscribe(new StandardErrorLogger(minimum), typeof(LogEvent));

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is LogEvent e && e.Level >= minimum)
        {
            Console.Error.WriteLine(e.ToString());
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
    }
}
