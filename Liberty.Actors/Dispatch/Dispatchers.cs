using System.Collections.Concurrent;

namespace Liberty.Actors.Dispatch;

/// <summary>
/// The dispatchers of one system, by id. Built in: <c>"default"</c> (thread pool),
/// <see cref="PinnedDispatcher.DefaultId"/>, <see cref="CallingThreadDispatcher.DefaultId"/>, and
/// <see cref="CooperativeDispatcher.DefaultId"/> (created, with its thread, on first use).
/// </summary>
/// <remarks>Thread-safe. Dispatchers the registry created are disposed when the system terminates.</remarks>
public sealed class Dispatchers
{
    /// <summary>The id of the default dispatcher.</summary>
    public const string DefaultId = "default";

    private readonly ConcurrentDictionary<string, Lazy<MessageDispatcher>> _byId = new(StringComparer.Ordinal);
    private readonly ActorSystem _system;

    internal Dispatchers(ActorSystem system, int defaultThroughput)
    {
        _system = system;
        Default = Own(new ThreadPoolDispatcher(DefaultId, defaultThroughput));
        _byId[DefaultId] = new Lazy<MessageDispatcher>(Default);
        _byId[PinnedDispatcher.DefaultId] = new Lazy<MessageDispatcher>(() => Own(new PinnedDispatcher()));
        _byId[CallingThreadDispatcher.DefaultId] = new Lazy<MessageDispatcher>(() => Own(new CallingThreadDispatcher()));
        _byId[CooperativeDispatcher.DefaultId] = new Lazy<MessageDispatcher>(() => Own(new CooperativeDispatcher()));
    }

    /// <summary>The default (thread-pool) dispatcher.</summary>
    public MessageDispatcher Default { get; }

    /// <summary>Registers a dispatcher under its <see cref="MessageDispatcher.Id"/>.</summary>
    /// <param name="dispatcher">The dispatcher.</param>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public void Register(MessageDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        dispatcher.Time = _system.TimeProvider;
        if (dispatcher is CooperativeDispatcher cooperative)
        {
            cooperative.ErrorSink ??= _system.EventStream.Publish;
        }
        if (!_byId.TryAdd(dispatcher.Id, new Lazy<MessageDispatcher>(dispatcher)))
        {
            throw new ArgumentException($"A dispatcher with id '{dispatcher.Id}' is already registered.", nameof(dispatcher));
        }
    }

    /// <summary>The dispatcher with <paramref name="id"/> (null: the default).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The dispatcher.</returns>
    /// <exception cref="ArgumentException">No such dispatcher.</exception>
    public MessageDispatcher Lookup(string? id)
    {
        if (id is null)
        {
            return Default;
        }
        if (_byId.TryGetValue(id, out var lazy))
        {
            return lazy.Value;
        }
        throw new ArgumentException($"No dispatcher with id '{id}' is registered (known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}).", nameof(id));
    }

    private readonly Lock _ownedLock = new();
    private readonly List<IDisposable> _owned = [];

    private T Own<T>(T dispatcher)
        where T : MessageDispatcher
    {
        dispatcher.Time = _system.TimeProvider;
        if (dispatcher is CooperativeDispatcher cooperative)
        {
            cooperative.ErrorSink = _system.EventStream.Publish;
        }
        if (dispatcher is IDisposable d)
        {
            lock (_ownedLock)
            {
                _owned.Add(d);
            }
        }
        return dispatcher;
    }

    internal void DisposeOwned()
    {
        IDisposable[] owned;
        lock (_ownedLock)
        {
            owned = [.. _owned];
            _owned.Clear();
        }
        foreach (var d in owned)
        {
            d.Dispose();
        }
    }
}
