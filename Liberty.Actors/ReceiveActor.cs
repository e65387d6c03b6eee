namespace Liberty.Actors;

/// <summary>
/// An actor that declares typed handlers in its constructor: <c>Receive&lt;Ping&gt;(p =&gt; ...)</c>.
/// The first handler whose type (and predicate) matches a message handles it; none matching runs
/// <see cref="ActorBase.Unhandled"/>.
/// </summary>
/// <remarks>
/// <b>Async handlers</b> (<see cref="ReceiveAsync{T}"/>): the mailbox is suspended until the returned
/// task completes, so no other message interleaves; <c>await</c> continuations run inside the actor
/// (with <c>Self</c>, <c>Sender</c> and <c>Context</c> valid). An exception from the task fails the
/// actor like a synchronous one. Do not use <c>ConfigureAwait(false)</c> in actor code.
/// </remarks>
public abstract class ReceiveActor : ActorBase
{
    private List<Handler>? _building;
    private Handler[] _handlers = [];
    private bool _sealed;

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">Optional extra condition.</param>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler(m => m is T t && (shouldHandle is null || shouldHandle(t)), m => { handler((T)m); return true; }));
    }

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/> that satisfy <paramref name="shouldHandle"/> (Akka's argument order).</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="shouldHandle">The condition.</param>
    /// <param name="handler">The handler.</param>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>Registers a handler that may decline (return false) a message of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">Returns whether it handled the message.</param>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler(static m => m is T, m => handler((T)m)));
    }

    /// <summary>Registers an async handler for type <typeparamref name="T"/> (see the type's remarks).</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">Optional extra condition.</param>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler(m => m is T t && (shouldHandle is null || shouldHandle(t)), m =>
        {
            Cell.RunAsyncHandler(() => handler((T)m));
            return true;
        }));
    }

    /// <summary>Registers a handler for any message (put it last).</summary>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler(static _ => true, m => { handler(m); return true; }));
    }

    /// <summary>Registers an async handler for any message (put it last).</summary>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler(static _ => true, m =>
        {
            Cell.RunAsyncHandler(() => handler(m));
            return true;
        }));
    }

    /// <summary>
    /// Switches to a new set of handlers: <paramref name="configure"/> calls <c>Receive...</c> to
    /// declare them (Akka's <c>Become(Action)</c>).
    /// </summary>
    /// <param name="configure">Declares the new handlers.</param>
    protected void Become(Action configure) => Become(Build(configure));

    /// <summary>Pushes a new set of handlers declared by <paramref name="configure"/>.</summary>
    /// <param name="configure">Declares the new handlers.</param>
    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure));

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        _sealed = true;
        return Dispatch(_handlers, message);
    }

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _building;
        _building = [];
        try
        {
            configure();
            var handlers = _building.ToArray();
            return m => Dispatch(handlers, m);
        }
        finally
        {
            _building = outer;
        }
    }

    private void Add(Handler handler)
    {
        if (_building is not null)
        {
            _building.Add(handler);
            return;
        }
        if (_sealed)
        {
            throw new InvalidOperationException("Receive handlers are declared in the constructor or inside Become(() => ...).");
        }
        _handlers = [.. _handlers, handler];
    }

    private static bool Dispatch(Handler[] handlers, object message)
    {
        foreach (var h in handlers)
        {
            if (h.Matches(message) && h.Handle(message))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Handler(Func<object, bool> Matches, Func<object, bool> Handle);
}
