using Liberty.Actors.Supervision;

namespace Liberty.Actors;

/// <summary>
/// The recipe for an actor: how to make an instance (again, on every restart), on which dispatcher
/// it runs, which mailbox it has, and how it supervises its children. Immutable; share freely.
/// </summary>
public sealed class Props
{
    private Props(Type actorType, Func<ActorBase> factory, string? dispatcher, MailboxKind? mailbox, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        Factory = factory;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor's type.</summary>
    public Type ActorType { get; }

    /// <summary>The dispatcher id; null for the system's default dispatcher.</summary>
    public string? Dispatcher { get; }

    /// <summary>The mailbox; null for unbounded.</summary>
    public MailboxKind? Mailbox { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children; null to use the actor's.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    /// <typeparam name="T">The actor type.</typeparam>
    /// <returns>The props.</returns>
    public static Props Create<T>()
        where T : ActorBase, new() => new(typeof(T), static () => new T(), null, null, null);

    /// <summary>
    /// Props from a factory, e.g. <c>Props.Create(() => new Greeter("hi"))</c>. The factory runs for the
    /// first instance and again on every restart; it must return a new instance each time.
    /// </summary>
    /// <typeparam name="T">The actor type.</typeparam>
    /// <param name="factory">Makes a new instance.</param>
    /// <returns>The props.</returns>
    public static Props Create<T>(Func<T> factory)
        where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(T), factory, null, null, null);
    }

    /// <summary>Props for <paramref name="actorType"/> constructed with <paramref name="args"/> (reflection).</summary>
    /// <param name="actorType">A concrete <see cref="ActorBase"/> subtype.</param>
    /// <param name="args">Constructor arguments.</param>
    /// <returns>The props.</returns>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
        {
            throw new ArgumentException($"{actorType} is not a concrete actor type.", nameof(actorType));
        }
        return new(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!, null, null, null);
    }

    /// <summary>The same props on another dispatcher.</summary>
    /// <param name="dispatcherId">A dispatcher id known to the system (<see cref="ActorSystem.Dispatchers"/>).</param>
    /// <returns>New props.</returns>
    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatcherId);
        return new(ActorType, Factory, dispatcherId, Mailbox, SupervisorStrategy);
    }

    /// <summary>The same props with another mailbox.</summary>
    /// <param name="mailbox">The mailbox kind.</param>
    /// <returns>New props.</returns>
    public Props WithMailbox(MailboxKind mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new(ActorType, Factory, Dispatcher, mailbox, SupervisorStrategy);
    }

    /// <summary>The same props with a supervisor strategy for the actor's children.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>New props.</returns>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(ActorType, Factory, Dispatcher, Mailbox, strategy);
    }

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name}, dispatcher={Dispatcher ?? "default"}, mailbox={Mailbox?.Description ?? "unbounded"})";
}
