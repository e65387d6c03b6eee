using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Liberty.Actors.Dispatch;
using Liberty.Actors.Events;

namespace Liberty.Actors.Internal;

/// <summary>
/// The kernel's record of one actor: its instance, mailbox, behaviour stack, children, watchers,
/// timers and stash. Implements <see cref="IActorContext"/> for the actor's own code.
/// </summary>
/// <remarks>
/// <para><b>Threading:</b> everything except <see cref="SendMessage"/>, <see cref="SendSystemMessage"/>,
/// the children container (guarded by its own lock) and the read-only properties runs inside this
/// cell's mailbox run, one thread at a time; those fields need no synchronisation.</para>
/// <para><b>States:</b> Creating → Running → Terminating → Terminated. A failure sets
/// <see cref="_failed"/> and suspends the mailbox until the parent's directive arrives.</para>
/// </remarks>
internal sealed partial class ActorCell : IActorContext
{
    private const int StateCreating = 0;
    private const int StateRunning = 1;
    private const int StateTerminating = 2;
    private const int StateTerminated = 3;

    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly InternalActorRef _parent;
    private ActorBase? _actor;
    private List<Receive>? _behaviors;
    private Envelope? _current;
    private int _state;
    private bool _failed;
    private volatile bool _abandoned;

    // Set by the actor's own code (ActorBase.SetMessageStoredCallback), read by senders on any thread.
    private volatile Action<object>? _messageStored;

    public ActorCell(ActorSystem system, Props props, MessageDispatcher dispatcher, Mailbox mailbox, InternalActorRef parent, ActorPath path)
    {
        System = system;
        Props = props;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        _parent = parent;
        Path = path;
        Self = new LocalActorRef(this);
        mailbox.Attach(this, dispatcher);
    }

    /// <summary>The cell whose code runs on this thread, if any.</summary>
    public static ActorCell? Current => t_current;

    /// <summary>The cell whose actor instance is being constructed on this thread, if any.</summary>
    public static ActorCell? Constructing => t_constructing;

    public ActorSystem System { get; }

    public Props Props { get; }

    public MessageDispatcher Dispatcher { get; }

    public Mailbox Mailbox { get; }

    public ActorPath Path { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public InternalActorRef ParentRef => _parent;

    public IActorRef Parent => _parent;

    public IActorRef? CurrentSender => _current?.Sender;

    public IActorRef Sender => _current?.Sender ?? System.DeadLetters;

    public bool IsTerminated => Volatile.Read(ref _state) == StateTerminated;

    public bool IsAbandonedOrTerminated => _abandoned || IsTerminated;

    public bool HasUserMessages => Unstashed is { Count: > 0 } || Mailbox.HasMessages;

    /// <summary>The actor instance (null before creation and after termination).</summary>
    public ActorBase? Actor => _actor;

    /// <summary>Schedules the Create message; called once, right after construction.</summary>
    public void Start()
    {
        Dispatcher.Attach(this);
        Mailbox.SystemEnqueue(new Create());
        Dispatcher.TrySchedule(Mailbox);
    }

    public void SendMessage(object message, IActorRef? sender)
    {
        if (!TrySendMessage(message, sender))
        {
            System.DeadLettersRef.Publish(new DeadLetter(message, sender, Self));
        }
    }

    public bool TrySendMessage(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Mailbox.IsClosed || !Mailbox.TryEnqueue(new Envelope(message, sender)))
        {
            return false;
        }
        if (Mailbox.IsClosed)
        {
            // Lost the race with termination: the run that closed the mailbox may have drained already.
            DrainClosedMailbox();
            return true;
        }
        _messageStored?.Invoke(message);
        Dispatcher.TrySchedule(Mailbox);
        return true;
    }

    /// <summary>See <see cref="ActorBase.SetMessageStoredCallback"/>.</summary>
    public Action<object>? MessageStored
    {
        get => _messageStored;
        set => _messageStored = value;
    }

    public void SendSystemMessage(SystemMessage message)
    {
        Mailbox.SystemEnqueue(message);
        if (Mailbox.IsClosed)
        {
            ProcessPostMortem();
            return;
        }
        Dispatcher.TrySchedule(Mailbox);
    }

    /// <summary>The next user message: unstashed ones first, then the mailbox.</summary>
    public bool TryNextEnvelope(out Envelope envelope)
    {
        if (Unstashed is { Count: > 0 } q)
        {
            envelope = q.Dequeue();
            return true;
        }
        return Mailbox.TryDequeue(out envelope);
    }

    public void ProcessSystemMessages()
    {
        var message = Mailbox.SystemDrain();
        while (message is not null)
        {
            var next = message.Next;
            message.Next = null;
            if (Mailbox.IsClosed)
            {
                HandlePostMortem(message);
            }
            else
            {
                ProcessSystemMessage(message);
            }
            message = next;
        }
    }

    private void ProcessSystemMessage(SystemMessage message)
    {
        if (_state == StateCreating && message is not Create)
        {
            (DeferredUntilCreated ??= []).Add(message);
            return;
        }
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create:
                    HandleCreate();
                    if (DeferredUntilCreated is { } deferred)
                    {
                        DeferredUntilCreated = null;
                        foreach (var m in deferred)
                        {
                            ProcessSystemMessage(m);
                        }
                    }
                    break;
                case Watch w:
                    HandleWatch(w);
                    break;
                case Unwatch u:
                    HandleUnwatch(u);
                    break;
                case DeathWatchNotification n:
                    HandleDeathWatchNotification(n);
                    break;
                case Failed f:
                    HandleFailed(f);
                    break;
                case Recreate r:
                    HandleRecreate(r.Cause);
                    break;
                case Suspend:
                    HandleSuspend();
                    break;
                case Resume r:
                    HandleResume(r.CausedByFailure);
                    break;
                case Terminate:
                    HandleTerminate();
                    break;
                case RunContinuation c:
                    HandleContinuation(c);
                    break;
                case AsyncHandlerCompleted a:
                    HandleAsyncCompleted(a);
                    break;
                case AddressTerminated at:
                    NotifyAddressTerminated(at.Address);
                    break;
                default:
                    throw new UnreachableException($"Unknown system message {message.GetType().Name}.");
            }
        }
        finally
        {
            t_current = previous;
        }
    }

    /// <summary>Processes one user message.</summary>
    public void Invoke(Envelope envelope)
    {
        if (_abandoned)
        {
            System.DeadLettersRef.Publish(new DeadLetter(envelope.Message, envelope.Sender, Self));
            return;
        }
        var previous = t_current;
        t_current = this;
        _current = envelope;
        var message = envelope.Message;
        try
        {
            switch (message)
            {
                case PoisonPill:
                    HandleStopSelf();
                    break;
                case Kill:
                    throw new ActorKilledException($"Kill: {Self.Path}");
                case Identify identify:
                    Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                    break;
                case DeathWatchDelivery d:
                    if (TryTakeQueuedTermination(d.Actor))
                    {
                        ReceiveMessage(d.Message);
                    }
                    break;
                case TimerScheduler.Fired fired:
                    if (TimersState is not null && TimersState.TryTake(fired, out var payload))
                    {
                        ReceiveMessage(payload);
                    }
                    break;
                default:
                    ReceiveMessage(message);
                    break;
            }
            // ReceiveTimeout itself re-arms the (one-shot) timer: as in Akka, the timeout keeps firing
            // after every further idle span until it is turned off.
            if (ReceiveTimeoutSpan is not null
                && (message is Actors.ReceiveTimeout || (message is not INotInfluenceReceiveTimeout && !(message is TimerScheduler.Fired f && f.Message is INotInfluenceReceiveTimeout))))
            {
                RescheduleReceiveTimeout();
            }
        }
#pragma warning disable CA1031 // Every failure of actor code goes to supervision (CONVENTIONS rule 11).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HandleInvokeFailure(ex, message);
        }
        finally
        {
            if (!_asyncRunning)
            {
                _current = null;
            }
            t_current = previous;
        }
    }

    /// <summary>
    /// Takes the next user message from this actor's own queue while it handles a message (see
    /// <see cref="ActorBase.TryTakeNextMessage"/>). Kernel wrappers are unwrapped or dropped exactly as
    /// <see cref="Invoke"/> would; <see cref="PoisonPill"/> stops the actor and ends the taking.
    /// </summary>
    public bool TryTakeNext(out object message, out IActorRef? sender)
    {
        if (!ReferenceEquals(t_current, this) || _current is null)
        {
            throw new InvalidOperationException("TryTakeNextMessage is only valid inside the actor's own message handler.");
        }
        while (!Mailbox.IsClosed && _state == StateRunning && TryNextEnvelope(out var envelope))
        {
            sender = envelope.Sender;
            switch (envelope.Message)
            {
                case PoisonPill:
                    HandleStopSelf();
                    message = null!;
                    return false;
                case Kill:
                    throw new ActorKilledException($"Kill: {Self.Path}");
                case Identify identify:
                    envelope.Sender?.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                    continue;
                case DeathWatchDelivery d:
                    if (TryTakeQueuedTermination(d.Actor))
                    {
                        message = d.Message;
                        return true;
                    }
                    continue;
                case TimerScheduler.Fired fired:
                    if (TimersState is not null && TimersState.TryTake(fired, out var payload))
                    {
                        message = payload;
                        return true;
                    }
                    continue;
                default:
                    message = envelope.Message;
                    return true;
            }
        }
        message = null!;
        sender = null;
        return false;
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = _behaviors is { Count: > 0 } b ? b[^1](message) : actor.Receive(message);
        if (!handled)
        {
            actor.Unhandled(message);
        }
    }

    // ---- behaviours ----

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors ??= [];
        if (_behaviors.Count > 0)
        {
            _behaviors[^1] = receive;
        }
        else
        {
            _behaviors.Add(receive);
        }
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviors ??= []).Add(receive);
    }

    public void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    // ---- creation ----

    private void HandleCreate()
    {
        try
        {
            CreateInstance();
            _state = StateRunning;
            _actor!.PreStart();
        }
#pragma warning disable CA1031 // Initialization failures go to supervision as ActorInitializationException.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _state = StateRunning;
            HandleInvokeFailure(new ActorInitializationException($"{Self.Path}: exception during creation: {ex.Message}", ex) { Actor = Self }, null);
        }
    }

    private void CreateInstance()
    {
        var outer = t_constructing;
        t_constructing = this;
        ActorBase instance;
        try
        {
            instance = Props.Factory();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            // Props.Create<T>() and Props.Create(Type, ...) construct through reflection: report the
            // constructor's own exception, as Akka does, not the reflection wrapper.
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        finally
        {
            t_constructing = outer;
        }
        if (!ReferenceEquals(instance.Cell, this))
        {
            throw new InvalidOperationException("The Props factory must create a new actor instance each time it is called.");
        }
        _behaviors = null;
        _actor = instance;
        if (instance is IWithTimers withTimers)
        {
            withTimers.Timers = TimersState ??= new TimerScheduler(this);
        }
        if (instance is IWithStash withStash)
        {
            withStash.Stash = StashState ??= new ActorStash(this);
        }
    }

    /// <summary>The envelope being processed, if any (for the stash).</summary>
    public Envelope? CurrentEnvelope => _current;

    /// <summary>Puts <paramref name="envelopes"/> in front of every waiting user message, in order.</summary>
    public void PrependUnstashed(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return;
        }
        var queue = new Queue<Envelope>(envelopes);
        if (Unstashed is { Count: > 0 } existing)
        {
            foreach (var e in existing)
            {
                queue.Enqueue(e);
            }
        }
        Unstashed = queue;
    }

    /// <summary>Marks the cell as abandoned by a cooperative dispatcher: its user messages and continuations are dropped.</summary>
    public void MarkAbandoned() => _abandoned = true;

    public ILoggingAdapter Log => LogAdapter ??= new BusLogger(System.EventStream, Path.ToString(), _actor?.GetType() ?? typeof(ActorCell), System.Options.LogLevel);

    /// <inheritdoc />
    public override string ToString() => $"ActorCell({Path})";

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_state is >= StateCreating and <= StateTerminated);
        Debug.Assert(_state != StateTerminated || Mailbox.IsClosed, "a terminated cell has a closed mailbox");
        Debug.Assert(_state != StateTerminated || _actor is null, "a terminated cell holds no instance");
    }
}
