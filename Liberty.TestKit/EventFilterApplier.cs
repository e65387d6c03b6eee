using System.Diagnostics;
using Xunit.Sdk;

namespace Liberty.TestKit;

/// <summary>
/// One event filter: runs a block and asserts that exactly the expected number of matching events
/// was published meanwhile (matching events are muted from the test output).
/// </summary>
public sealed class EventFilterApplier
{
    private readonly TestKit _kit;
    private readonly Func<object, bool> _matches;
    private readonly string _description;

    internal EventFilterApplier(TestKit kit, Func<object, bool> matches, string description)
    {
        _kit = kit;
        _matches = matches;
        _description = description;
    }

    /// <summary>Runs <paramref name="action"/> and expects exactly one matching event.</summary>
    /// <param name="action">The block.</param>
    /// <param name="timeout">How long to wait for the event after the block (null: the kit's default).</param>
    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    /// <summary>Runs <paramref name="func"/> and expects exactly one matching event.</summary>
    /// <typeparam name="T">The block's result.</typeparam>
    /// <param name="func">The block.</param>
    /// <param name="timeout">How long to wait for the event.</param>
    /// <returns>The block's result.</returns>
    public T ExpectOne<T>(Func<T> func, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        T result = default!;
        Expect(1, () => result = func(), timeout);
        return result;
    }

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="expectedCount"/> matching events.</summary>
    /// <param name="expectedCount">How many.</param>
    /// <param name="action">The block.</param>
    /// <param name="timeout">How long to wait for them after the block.</param>
    public void Expect(int expectedCount, Action action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _kit.Interceptor.Add(_matches);
        try
        {
            action();
            WaitFor(filter, expectedCount, timeout ?? _kit.RemainingOrDefault);
        }
        finally
        {
            _kit.Interceptor.Remove(filter);
        }
    }

    /// <summary>Async twin of <see cref="Expect"/>.</summary>
    /// <param name="expectedCount">How many.</param>
    /// <param name="action">The block.</param>
    /// <param name="timeout">How long to wait for them after the block.</param>
    /// <returns>A task.</returns>
    public async Task ExpectAsync(int expectedCount, Func<Task> action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _kit.Interceptor.Add(_matches);
        try
        {
            await action().ConfigureAwait(false);
            var wait = timeout ?? _kit.RemainingOrDefault;
            var start = Stopwatch.GetTimestamp();
            while (filter.Count < expectedCount && Stopwatch.GetElapsedTime(start) < wait)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
            Verify(filter, expectedCount, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            _kit.Interceptor.Remove(filter);
        }
    }

    /// <summary>Async twin of <see cref="ExpectOne(Action, TimeSpan?)"/>.</summary>
    /// <param name="action">The block.</param>
    /// <param name="timeout">How long to wait for the event.</param>
    /// <returns>A task.</returns>
    public Task ExpectOneAsync(Func<Task> action, TimeSpan? timeout = null) => ExpectAsync(1, action, timeout);

    /// <summary>Mutes matching events (from the test output) until the returned handle is disposed.</summary>
    /// <returns>The handle.</returns>
    public IDisposable Mute() => new Muting(_kit, _kit.Interceptor.Add(_matches));

    private void WaitFor(EventInterceptor.ActiveFilter filter, int expected, TimeSpan wait)
    {
        var start = Stopwatch.GetTimestamp();
        while (filter.Count < expected && Stopwatch.GetElapsedTime(start) < wait)
        {
            Thread.Sleep(10);
        }
        Verify(filter, expected, Stopwatch.GetElapsedTime(start));
    }

    private void Verify(EventInterceptor.ActiveFilter filter, int expected, TimeSpan waited)
    {
        var count = filter.Count;
        if (count != expected)
        {
            throw new XunitException($"EventFilter: expected {expected} event(s) {_description} but saw {count} (waited {waited.TotalMilliseconds:0} ms).");
        }
    }

    private sealed class Muting(TestKit kit, EventInterceptor.ActiveFilter filter) : IDisposable
    {
        public void Dispose() => kit.Interceptor.Remove(filter);
    }
}
