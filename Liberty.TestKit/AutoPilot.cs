namespace Liberty.TestKit;

/// <summary>
/// Lets a test actor answer messages by itself (Akka's auto-pilot): <see cref="Run"/> is called for
/// each message before it is queued for the test, and returns the pilot for the next message.
/// </summary>
public abstract class AutoPilot
{
    /// <summary>Stops auto-piloting.</summary>
    public static AutoPilot NoAutoPilot { get; } = new DelegateAutoPilot(static (_, _) => NoAutoPilot!);

    /// <summary>Returned from <see cref="Run"/> to keep the current pilot.</summary>
    public static AutoPilot KeepRunning { get; } = new DelegateAutoPilot(static (_, _) => KeepRunning!);

    /// <summary>Handles one message.</summary>
    /// <param name="sender">The message's sender.</param>
    /// <param name="message">The message.</param>
    /// <returns>The pilot for the next message (<see cref="KeepRunning"/> keeps this one).</returns>
    public abstract AutoPilot Run(IActorRef? sender, object message);

    /// <summary>A pilot from a function.</summary>
    /// <param name="run">Handles a message and returns the next pilot.</param>
    /// <returns>The pilot.</returns>
    public static AutoPilot From(Func<IActorRef?, object, AutoPilot> run) => new DelegateAutoPilot(run);

    private sealed class DelegateAutoPilot(Func<IActorRef?, object, AutoPilot> run) : AutoPilot
    {
        public override AutoPilot Run(IActorRef? sender, object message) => run(sender, message);
    }
}
