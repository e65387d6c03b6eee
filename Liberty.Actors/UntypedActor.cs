namespace Liberty.Actors;

/// <summary>
/// An actor with one <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for
/// messages it does not understand.
/// </summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message.</summary>
    /// <param name="message">The message.</param>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Replaces the behaviour with another OnReceive-style method.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void Become(Action<object> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Become(m =>
        {
            receive(m);
            return true;
        });
    }
}
