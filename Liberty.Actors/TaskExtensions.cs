namespace Liberty.Actors;

/// <summary>Akka's <c>PipeTo</c>: send a task's outcome to an actor as a message.</summary>
public static class TaskExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/> of it), or a <see cref="Status.Failure"/> (or <paramref name="failure"/>
    /// of the exception) when it faults or is cancelled. Safe to call from actor code: the continuation
    /// only sends.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="recipient">Who gets the outcome.</param>
    /// <param name="sender">The sender of the outcome message.</param>
    /// <param name="success">Maps the result to the message (default: the result itself).</param>
    /// <param name="failure">Maps the exception to the message (default: <see cref="Status.Failure"/>).</param>
    /// <returns>A task that completes when the message was sent.</returns>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null, Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(success is null ? (object?)t.Result ?? new Status.Success(null) : success(t.Result), sender);
                }
                else
                {
                    var error = t.Exception?.InnerException ?? new TaskCanceledException(t);
                    recipient.Tell(failure is null ? new Status.Failure(error) : failure(error), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>As <see cref="PipeTo{T}"/> for a task without result: success sends <see cref="Status.Success"/> (null value).</summary>
    /// <param name="task">The task.</param>
    /// <param name="recipient">Who gets the outcome.</param>
    /// <param name="sender">The sender of the outcome message.</param>
    /// <returns>A task that completes when the message was sent.</returns>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? new Status.Success(null) : new Status.Failure(t.Exception?.InnerException ?? new TaskCanceledException(t)), sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
