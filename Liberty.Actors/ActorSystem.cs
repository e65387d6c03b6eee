using System.Collections.Concurrent;
using Liberty.Actors.Dispatch;
using Liberty.Actors.Events;
using Liberty.Actors.Internal;
using Liberty.Actors.Remote;

namespace Liberty.Actors;

/// <summary>
/// A hierarchy of actors with its dispatchers, event stream, dead letters and (optionally) a remote
/// transport: one per node. Top-level actors live under <c>/user</c>; kernel actors under <c>/system</c>.
/// </summary>
/// <remarks>
/// <b>Lifecycle:</b> <see cref="Create"/> starts it; <see cref="Terminate"/> stops every user actor
/// (children before parents), then the system actors, then completes <see cref="WhenTerminated"/>
/// and disposes the dispatchers it created. <b>Thread safety:</b> every member may be called from any thread.
/// </remarks>
public sealed class ActorSystem : IActorRefFactory, IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, InternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Address, byte> _terminatedAddresses = new();
    private readonly ConcurrentDictionary<Address, ConcurrentDictionary<InternalActorRef, byte>> _remoteWatchers = new();
    private readonly ActorCell _root;
    private readonly LocalActorRef _user;
    private readonly LocalActorRef _systemGuardian;
    private long _nextUid;
    private long _nextTemp;
    private int _terminating;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        TimeProvider = options.TimeProvider;
        Address = new Address(name, options.NodeName);
        _nextUid = Random.Shared.NextInt64(1, long.MaxValue / 2);
        EventStream = new EventStream();
        var rootPath = ActorPath.Root(Address);
        DeadLettersRef = new DeadLettersRef(this, rootPath.Child("deadLetters"));
        Dispatchers = new Dispatchers(this, options.DefaultThroughput);
        Serializer = new MessageSerializer(this);
        options.ConfigureSerializer?.Invoke(Serializer);
        Log = new BusLogger(EventStream, $"ActorSystem({name})", typeof(ActorSystem), options.LogLevel);
        if (options.StandardErrorLogLevel is { } level)
        {
            StandardErrorLogger.Attach(EventStream, level);
        }

        var bubble = new TheOneWhoWalksTheBubblesRef(this, rootPath.Child("bubble-walker"));
        LocalActorRef? user = null;
        var rootProps = Props.Create(() => new RootGuardianActor(user!));
        _root = new ActorCell(this, rootProps, Dispatchers.Default, new UnboundedMailbox(), bubble, rootPath.WithUid(NextUid()));
        _user = _root.ActorOfInternal(Props.Create<GuardianActor>(), "user", systemReserved: true);
        _systemGuardian = _root.ActorOfInternal(Props.Create<GuardianActor>(), "system", systemReserved: true);
        user = _user;
        _root.Start();

        if (options.RemoteTransport is { } transport)
        {
            Remote = new RemoteDelivery(this, transport);
            transport.Start(Address, Remote);
        }
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">The system's name: letters, digits, '-' and '_'.</param>
    /// <param name="options">Settings (null: defaults).</param>
    /// <returns>The running system.</returns>
    /// <exception cref="ArgumentException">The name or an option is invalid.</exception>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_'.", nameof(name));
        }
        options ??= new ActorSystemOptions();
        options.Validate();
        return new ActorSystem(name, options);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The system's address, <c>liberty://name@node</c>.</summary>
    public Address Address { get; }

    /// <summary>The options it was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>The time source of every timer in the system.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The publish/subscribe bus (dead letters, unhandled messages, log events).</summary>
    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go.</summary>
    public IActorRef DeadLetters => DeadLettersRef;

    /// <summary>Number of dead letters so far.</summary>
    public long DeadLetterCount => DeadLettersRef.Count;

    /// <summary>The dispatchers by id.</summary>
    public Dispatchers Dispatchers { get; }

    /// <summary>Turns messages into bytes for other nodes; register message types here.</summary>
    public MessageSerializer Serializer { get; }

    /// <summary>A logger publishing to <see cref="EventStream"/>.</summary>
    public ILoggingAdapter Log { get; }

    /// <summary>Completes when the system has terminated.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>The <c>/user</c> guardian (parent of top-level actors).</summary>
    public IActorRef UserGuardian => _user;

    /// <summary>The <c>/system</c> guardian.</summary>
    public IActorRef SystemGuardian => _systemGuardian;

    internal DeadLettersRef DeadLettersRef { get; }

    internal RemoteDelivery? Remote { get; }

    internal ActorCell RootCell => _root;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A unique name, or null to generate one.</param>
    /// <returns>Its ref.</returns>
    public IActorRef ActorOf(Props props, string? name = null) => _user.Cell.ActorOf(props, name);

    /// <summary>Creates a kernel-level actor under <c>/system</c> (for infrastructure; stopped after user actors).</summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A unique name, or null to generate one.</param>
    /// <returns>Its ref.</returns>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.Cell.ActorOf(props, name);

    /// <summary>Stops an actor asynchronously (after its current message).</summary>
    /// <param name="actor">The actor.</param>
    /// <exception cref="ArgumentException">The actor belongs to another system.</exception>
    public void Stop(IActorRef actor)
    {
        var target = AsInternal(actor);
        if (target.System is { } owner && !ReferenceEquals(owner, this))
        {
            throw new ArgumentException($"{actor.Path} belongs to {owner}, not {this}.", nameof(actor));
        }
        target.Stop();
    }

    /// <summary>Stops every actor and completes <see cref="WhenTerminated"/>. Idempotent.</summary>
    /// <returns><see cref="WhenTerminated"/>.</returns>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _user.Stop();
        }
        return WhenTerminated;
    }

    /// <summary>Terminates and waits.</summary>
    /// <returns>A task that completes when terminated.</returns>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <summary>
    /// The ref for a path: a live local actor, a remote actor (through the transport), or a ref that
    /// sends to dead letters when nothing lives there.
    /// </summary>
    /// <param name="path">The path (with or without uid).</param>
    /// <returns>A ref; never null.</returns>
    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Address != Address)
        {
            return Remote is not null ? new RemoteActorRef(this, path) : new EmptyLocalActorRef(this, path);
        }
        var elements = path.Elements;
        if (elements.Count == 0)
        {
            return _root.Self;
        }
        if (elements.Count == 1 && elements[0] == "deadLetters")
        {
            return DeadLettersRef;
        }
        if (elements.Count == 2 && elements[0] == "temp")
        {
            return _temp.TryGetValue(elements[1], out var temp) ? temp : new EmptyLocalActorRef(this, path);
        }
        var cell = _root;
        foreach (var name in elements)
        {
            if (!cell.TryGetChild(name, out var child))
            {
                return new EmptyLocalActorRef(this, path);
            }
            cell = child.Cell;
        }
        return path.Uid == 0 || path.Uid == cell.Path.Uid ? cell.Self : new EmptyLocalActorRef(this, path);
    }

    /// <summary>Parses and resolves a path string (see <see cref="ResolveActorRef(ActorPath)"/>).</summary>
    /// <param name="path">E.g. <c>liberty://sys@node/user/a</c> or <c>/user/a</c>.</param>
    /// <returns>A ref.</returns>
    /// <exception cref="ArgumentException">The text is not a path.</exception>
    public IActorRef ResolveActorRef(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/'))
        {
            path = Address + path;
        }
        return ActorPath.TryParse(path, out var parsed)
            ? ResolveActorRef(parsed!)
            : throw new ArgumentException($"'{path}' is not an actor path (expected liberty://system@node/user/...).", nameof(path));
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Address})";

    internal long NextUid()
    {
        var uid = Interlocked.Increment(ref _nextUid);
        return uid == 0 ? Interlocked.Increment(ref _nextUid) : uid;
    }

    internal PromiseActorRef CreatePromiseRef()
    {
        var name = "$" + Interlocked.Increment(ref _nextTemp).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var promise = new PromiseActorRef(this, ActorPath.Root(Address).Child("temp").Child(name, NextUid()));
        _temp[name] = promise;
        return promise;
    }

    internal void UnregisterTemp(InternalActorRef temp) => _temp.TryRemove(temp.Path.Name, out _);

    internal static InternalActorRef AsInternal(IActorRef actor) => actor switch
    {
        InternalActorRef i => i,
        null => throw new ArgumentNullException(nameof(actor)),
        _ => throw new ArgumentException($"{actor.GetType().Name} is not a ref made by the Liberty kernel.", nameof(actor)),
    };

    internal bool IsAddressTerminated(Address address) => _terminatedAddresses.ContainsKey(address);

    /// <summary>Remembers that <paramref name="watcher"/> watches an actor at <paramref name="address"/>.</summary>
    internal void RegisterRemoteWatcher(Address address, InternalActorRef watcher) =>
        _remoteWatchers.GetOrAdd(address, static _ => new ConcurrentDictionary<InternalActorRef, byte>())[watcher] = 0;

    /// <summary>The node at <paramref name="address"/> is gone: every watcher of its actors gets Terminated.</summary>
    internal void OnAddressTerminated(Address address)
    {
        _terminatedAddresses[address] = 0;
        if (_remoteWatchers.TryRemove(address, out var watchers))
        {
            foreach (var watcher in watchers.Keys)
            {
                watcher.SendSystemMessage(new AddressTerminated(address));
            }
        }
    }

    /// <summary>A node came (back) at <paramref name="address"/>: watches placed from now on are real watches.</summary>
    internal void OnAddressUp(Address address) => _terminatedAddresses.TryRemove(address, out _);

    internal void OnRootTerminated()
    {
        foreach (var temp in _temp.Values.OfType<PromiseActorRef>())
        {
            temp.TryFail(new AskTimeoutException($"{this} terminated before a reply arrived."));
        }
        if (Remote is not null)
        {
            Remote.Transport.Stop();
        }
        Dispatchers.DisposeOwned();
        _terminated.TrySetResult();
    }
}
