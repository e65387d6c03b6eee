namespace Liberty.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Async twin of <see cref="ExpectMsg{T}(TimeSpan?, string?)"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var wait = Effective(timeout);
        var start = Now();
        return Check<T>(await ReceiveOneAsync(wait, cancellationToken).ConfigureAwait(false), null, null, wait, Since(start), hint);
    }

    /// <summary>Async twin of <see cref="ExpectMsg{T}(T, TimeSpan?, string?)"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="expected">The expected message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = Effective(timeout);
        var start = Now();
        return Check<T>(await ReceiveOneAsync(wait, cancellationToken).ConfigureAwait(false), m => Equals(m, expected), $"equal to {ReceivedMessage.Describe(expected)}", wait, Since(start), null);
    }

    /// <summary>Async twin of <see cref="ExpectMsg{T}(Predicate{T}, TimeSpan?, string?)"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    public async Task<T> ExpectMsgAsync<T>(Predicate<T> isMessage, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var wait = Effective(timeout);
        var start = Now();
        return Check(await ReceiveOneAsync(wait, cancellationToken).ConfigureAwait(false), isMessage, "matching the predicate", wait, Since(start), null);
    }

    /// <summary>Async twin of <see cref="ExpectNoMsg(TimeSpan)"/>.</summary>
    /// <param name="duration">How long to watch (null: <see cref="DefaultNoMessageWait"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        var d = duration ?? DefaultNoMessageWait;
        var start = Now();
        if (await ReceiveOneAsync(d, cancellationToken).ConfigureAwait(false) is { } item)
        {
            throw Fail($"Expected no message for {Ms(d)} but received {item} after {Ms(Since(start))}.");
        }
    }

    /// <summary>Async twin of <see cref="ReceiveN"/>.</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">Total time.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The messages.</returns>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var total = Effective(timeout);
        var start = Now();
        var list = new List<object>(count);
        while (list.Count < count)
        {
            var item = await ReceiveOneAsync(total - Since(start), cancellationToken).ConfigureAwait(false)
                ?? throw Fail($"ReceiveN: expected {count} messages within {Ms(total)} but received {list.Count}: [{string.Join(", ", list.Select(ReceivedMessage.Describe))}].");
            list.Add(item.Message);
        }
        return list;
    }

    /// <summary>Async twin of <see cref="FishForMessage{T}"/>.</summary>
    /// <typeparam name="T">The type looked for.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">Total time.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching message.</returns>
    public async Task<T> FishForMessageAsync<T>(Predicate<T> isMessage, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var total = Effective(timeout);
        var start = Now();
        var skipped = new List<object>();
        while (true)
        {
            var item = await ReceiveOneAsync(total - Since(start), cancellationToken).ConfigureAwait(false)
                ?? throw Fail($"FishForMessage: no {typeof(T).Name} matched within {Ms(total)}; skipped [{string.Join(", ", skipped.Select(ReceivedMessage.Describe))}].");
            if (item.Message is T t && isMessage(t))
            {
                return t;
            }
            skipped.Add(item.Message);
        }
    }

    /// <summary>Async twin of <see cref="ExpectTerminated"/>.</summary>
    /// <param name="target">The watched actor.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The notice.</returns>
    public async Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var wait = Effective(timeout);
        var start = Now();
        return Check<Terminated>(await ReceiveOneAsync(wait, cancellationToken).ConfigureAwait(false), t => t.ActorRef.Equals(target), $"for {target.Path}", wait, Since(start), null);
    }
}
