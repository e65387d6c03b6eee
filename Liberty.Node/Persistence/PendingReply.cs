namespace Liberty.Node.Persistence;

/// <summary>
/// The answer an entity owes a caller: the entity completes it, or the <see cref="EntityChannel"/> fails it when the
/// entity stops first. Continuations run asynchronously, never on the entity's thread.
/// </summary>
/// <typeparam name="T">The answer.</typeparam>
/// <remarks><para><b>Thread:</b> any thread; the first of <see cref="Complete"/> and <see cref="Fail"/> wins.</para></remarks>
internal sealed class PendingReply<T> : IPendingReply
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EntityChannel _channel;

    /// <summary>Creates a reply owed through <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel that fails it if the entity stops.</param>
    public PendingReply(EntityChannel channel) => _channel = channel;

    /// <summary>The caller's task.</summary>
    public Task<T> Task => _completion.Task;

    /// <summary>Completes the caller's task with <paramref name="value"/>.</summary>
    /// <param name="value">The answer.</param>
    public void Complete(T value)
    {
        if (_completion.TrySetResult(value))
        {
            _channel.Forget(this);
        }
    }

    /// <inheritdoc />
    public void Fail(Exception exception)
    {
        if (_completion.TrySetException(exception))
        {
            _channel.Forget(this);
        }
    }
}
