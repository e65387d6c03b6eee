namespace Liberty.TestKit;

/// <summary>
/// An extra test actor with its own expectations (Akka's <c>TestProbe</c>): use several when a spec
/// needs to tell apart who received what.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, string? name)
    {
        ArgumentNullException.ThrowIfNull(system);
        InitializeTestActor(system, name);
    }

    /// <summary>The probe's actor (same as <see cref="TestKitBase.TestActor"/>).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to <paramref name="actor"/> with this probe as sender.</summary>
    /// <param name="actor">The receiver.</param>
    /// <param name="message">The message.</param>
    public void Send(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, Ref);
    }

    /// <summary>Forwards the last received message to <paramref name="actor"/>, keeping its original sender.</summary>
    /// <param name="actor">The receiver.</param>
    public void Forward(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(LastMessage ?? throw new InvalidOperationException("Forward: the probe has not received a message yet."), LastSender);
    }

    /// <summary>Replies to the sender of the last received message, with this probe as sender.</summary>
    /// <param name="message">The reply.</param>
    public void Reply(object message)
    {
        var to = LastSender ?? throw new InvalidOperationException("Reply: the last message had no sender.");
        to.Tell(message, Ref);
    }

    /// <inheritdoc />
    public override string ToString() => $"TestProbe({Ref.Path})";
}
