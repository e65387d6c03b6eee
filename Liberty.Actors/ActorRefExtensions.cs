using Liberty.Actors.Internal;

namespace Liberty.Actors;

/// <summary>Sending helpers on <see cref="IActorRef"/>: implicit sender, forward, try-tell, ask, graceful stop.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends with the current actor as sender when called from actor code (no sender otherwise), like
    /// Akka's <c>Tell(message)</c>.
    /// </summary>
    /// <param name="receiver">The receiver.</param>
    /// <param name="message">The message.</param>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Sends keeping the current message's original sender (call from actor code).</summary>
    /// <param name="receiver">The receiver.</param>
    /// <param name="message">The message.</param>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.CurrentSender);
    }

    /// <summary>
    /// Sends unless the receiver's bounded mailbox is full. Returns false when the message was not
    /// stored (full, or the actor has stopped); the message is then not delivered and not
    /// dead-lettered: the caller decides. For other kinds of refs it behaves like <c>Tell</c> and returns true.
    /// </summary>
    /// <param name="receiver">The receiver.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender, or null.</param>
    /// <returns>Whether the message was stored.</returns>
    public static bool TryTell(this IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (receiver is LocalActorRef local)
        {
            return local.TryTell(message, sender);
        }
        receiver.Tell(message, sender);
        return true;
    }

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply ref as sender and completes with the
    /// first reply: a <see cref="Status.Failure"/> reply faults the task with its cause; no reply within
    /// <paramref name="timeout"/> faults it with <see cref="AskTimeoutException"/>; cancelling the token
    /// cancels it. <b>Cancellation:</b> strict for the caller (the request may still be processed by the receiver).
    /// </summary>
    /// <typeparam name="T">The expected reply type; another type faults with <see cref="InvalidCastException"/>.</typeparam>
    /// <param name="receiver">The receiver.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system's <see cref="ActorSystemOptions.DefaultAskTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply.</returns>
    public static async Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await Ask(receiver, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T t
            ? t
            : throw new InvalidCastException($"Ask of {receiver.Path} expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}: {reply}");
    }

    /// <summary>Untyped <see cref="Ask{T}"/>.</summary>
    /// <param name="receiver">The receiver.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply.</returns>
    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        var effective = timeout ?? system.Options.DefaultAskTimeout;
        if (effective <= TimeSpan.Zero && effective != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An ask timeout must be positive or infinite.");
        }
        var promise = system.CreatePromiseRef();
        if (cancellationToken.IsCancellationRequested)
        {
            promise.TryCancel(cancellationToken);
            return promise.Task;
        }
        ITimer? timer = null;
        if (effective != Timeout.InfiniteTimeSpan)
        {
            var description = $"Ask timed out on {receiver.Path} after {effective.TotalMilliseconds:0} ms (message {message.GetType().Name}).";
            timer = system.TimeProvider.CreateTimer(static s => { var (p, d) = ((PromiseActorRef, string))s!; p.TryFail(new AskTimeoutException(d)); }, (promise, description), effective, Timeout.InfiniteTimeSpan);
        }
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => { var (p, t) = ((PromiseActorRef, CancellationToken))s!; p.TryCancel(t); }, (promise, cancellationToken))
            : default;
        if (timer is not null || cancellationToken.CanBeCanceled)
        {
            promise.Task.ContinueWith(static (_, s) => { var (t, r) = ((ITimer?, CancellationTokenRegistration))s!; t?.Dispose(); r.Dispose(); }, (timer, registration), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        receiver.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and completes with true
    /// once the actor has stopped, or false when it has not stopped within <paramref name="timeout"/>.
    /// </summary>
    /// <param name="target">The actor to stop.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="stopMessage">The message that makes it stop.</param>
    /// <returns>Whether it stopped in time.</returns>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var system = SystemOf(target);
        var internalTarget = ActorSystem.AsInternal(target);
        var promise = system.CreatePromiseRef();
        internalTarget.SendSystemMessage(new Watch(internalTarget, promise));
        target.Tell(stopMessage ?? PoisonPill.Instance, null);
        using var timer = system.TimeProvider.CreateTimer(static s => ((PromiseActorRef)s!).TryFail(new AskTimeoutException()), promise, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            var result = await promise.Task.ConfigureAwait(false);
            return result is Terminated t && t.ActorRef.Path.Equals(target.Path);
        }
        catch (AskTimeoutException)
        {
            internalTarget.SendSystemMessage(new Unwatch(internalTarget, promise));
            return false;
        }
    }

    private static ActorSystem SystemOf(IActorRef actor) =>
        (actor as InternalActorRef)?.System ?? ActorCell.Current?.System
        ?? throw new InvalidOperationException($"{actor.Path} belongs to no actor system.");
}
