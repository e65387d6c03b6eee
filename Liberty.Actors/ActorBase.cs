using Liberty.Actors.Events;
using Liberty.Actors.Internal;
using Liberty.Actors.Supervision;

namespace Liberty.Actors;

/// <summary>
/// The base of every actor. Instances are made by the kernel from <see cref="Props"/>
/// (<c>ActorOf</c>); constructing one with <c>new</c> elsewhere throws.
/// </summary>
/// <remarks>
/// <para><b>Single-threaded:</b> the kernel calls <see cref="Receive"/> and the lifecycle hooks one
/// at a time; an actor's fields need no locks as long as they are touched only from these calls.</para>
/// <para><b>Lifecycle:</b> constructor → <see cref="PreStart"/> → messages → <see cref="PostStop"/>.
/// On a restart the old instance gets <see cref="PreRestart"/> (default: stop children, then
/// <see cref="PostStop"/>), a new instance is made and gets <see cref="PostRestart"/> (default:
/// <see cref="PreStart"/>); the mailbox, the ref and the children that survived are kept.</para>
/// </remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="InvalidOperationException">Not created through <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} is an actor: create it with ActorOf(Props.Create(...)), not with 'new'.");
    }

    internal ActorCell Cell => _cell;

    /// <summary>This actor's context (valid while it handles a message or runs a hook).</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's ref.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the current message (dead letters when none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles one message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>True when handled; false runs <see cref="Unhandled"/>.</returns>
    protected internal abstract bool Receive(object message);

    /// <summary>
    /// Called for a message no behaviour handled: publishes <see cref="UnhandledMessage"/>; an unhandled
    /// <see cref="Terminated"/> fails the actor with <see cref="DeathPactException"/> (Akka's death pact).
    /// </summary>
    /// <param name="message">The message.</param>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated t)
        {
            throw new DeathPactException($"{Self.Path} watched {t.ActorRef.Path} and did not handle its Terminated.");
        }
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.CurrentSender, Self));
    }

    /// <summary>Runs before the first message (and, by default, after a restart).</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor stopped; its children have stopped already.</summary>
    protected internal virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before a restart. Default: stop all children, then <see cref="PostStop"/>.</summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message being processed when it failed, if any.</param>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. Default: <see cref="PreStart"/>.</summary>
    /// <param name="reason">The failure that caused the restart.</param>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Default: <see cref="SupervisorStrategy.Default"/>.</summary>
    /// <returns>The strategy.</returns>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.Default;

    /// <summary>
    /// Takes the next waiting user message from this actor's own mailbox, inside a handler: the
    /// cooperative engine uses it so a task thread drains its whole event queue in one slice
    /// (<c>Libre_GetEvent</c>), the mailbox being that queue. Messages taken this way skip
    /// <see cref="Receive"/>; their sender is returned. Returns false when the mailbox is empty, the
    /// actor is stopping, or a <see cref="PoisonPill"/> was taken (the actor then stops after this handler).
    /// </summary>
    /// <param name="message">The message taken.</param>
    /// <param name="sender">Its sender, or null.</param>
    /// <returns>Whether a message was taken.</returns>
    /// <exception cref="InvalidOperationException">Called outside this actor's own handler.</exception>
    protected bool TryTakeNextMessage(out object message, out IActorRef? sender) => _cell.TryTakeNext(out message, out sender);

    /// <summary>
    /// The number of user messages stored in this actor's mailbox and not yet dequeued (stashed messages
    /// are not included). Together with <see cref="SetMessageStoredCallback"/> it lets an actor that drains
    /// its mailbox with <see cref="TryTakeNextMessage"/> know whether anything waits, including messages
    /// stored before its constructor ran, which no callback saw.
    /// </summary>
    /// <remarks>
    /// <para><b>Thread:</b> any thread; a snapshot that concurrent senders and the actor may change at once.</para>
    /// <para><b>Cancellation:</b> none; reading has no effect.</para>
    /// <para><b>Ordering:</b> a message counts from the moment its send reserves a slot, before the
    /// message-stored callback runs, so after that callback the count includes it. A bounded mailbox is
    /// exact except that it may count a message whose send is still in progress (never fewer); other
    /// mailboxes count approximately.</para>
    /// </remarks>
    protected int QueuedMessageCount => _cell.Mailbox.Count;

    /// <summary>
    /// Sets a callback that runs each time a user message is stored in this actor's mailbox, also while
    /// the mailbox is suspended by a pending async handler (when the kernel itself will not look at the
    /// mailbox). The cooperative engine parks a task thread inside one long async handler, so its mailbox
    /// is a pure event queue drained with <see cref="TryTakeNextMessage"/>; this is how it learns that an
    /// event arrived. Null removes the callback.
    /// </summary>
    /// <remarks>
    /// The callback runs <b>on the sender's thread</b>, right after the message is stored and before the
    /// send returns, outside this actor: it must be short, thread-safe, must not block and must not
    /// throw (an exception propagates to the sender). Typical body: complete a
    /// <see cref="TaskCompletionSource"/> whose continuation then runs inside the actor. Messages refused
    /// by a full bounded mailbox, and messages to a stopped actor, do not run it.
    /// </remarks>
    /// <param name="callback">The callback (it gets the stored message), or null.</param>
    protected void SetMessageStoredCallback(Action<object>? callback) => _cell.MessageStored = callback;

    /// <summary>Replaces the current behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void Become(Receive receive) => _cell.Become(receive);

    /// <summary>Pushes a behaviour.</summary>
    /// <param name="receive">The new behaviour.</param>
    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    /// <summary>Pops a behaviour.</summary>
    protected void UnbecomeStacked() => _cell.UnbecomeStacked();
}
