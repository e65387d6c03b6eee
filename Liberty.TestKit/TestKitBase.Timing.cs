using System.Diagnostics;

namespace Liberty.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>The time left in the innermost <c>Within</c> block; fails outside one.</summary>
    public TimeSpan Remaining => _withinDeadlines.Count > 0
        ? Left(_withinDeadlines.Peek())
        : throw new InvalidOperationException("Remaining is only defined inside Within(...).");

    /// <summary>The time left in the innermost <c>Within</c> block, or <see cref="DefaultTimeout"/> outside one.</summary>
    public TimeSpan RemainingOrDefault => _withinDeadlines.Count > 0 ? Left(_withinDeadlines.Peek()) : DefaultTimeout;

    /// <summary>
    /// Runs <paramref name="action"/>, whose expectations default to the time left, and asserts that it
    /// took at most <paramref name="max"/>.
    /// </summary>
    /// <param name="max">The longest the block may take.</param>
    /// <param name="action">The block.</param>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, also asserting it took at least <paramref name="min"/>.</summary>
    /// <param name="min">The shortest the block may take.</param>
    /// <param name="max">The longest the block may take.</param>
    /// <param name="action">The block.</param>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(min, max, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>As <see cref="Within(TimeSpan, TimeSpan, Action)"/> for a block with a result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="min">The shortest the block may take.</param>
    /// <param name="max">The longest the block may take.</param>
    /// <param name="func">The block.</param>
    /// <returns>Its result.</returns>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var start = Now();
        var deadline = start + (long)(max.TotalSeconds * Stopwatch.Frequency);
        var outer = _withinDeadlines.Count > 0 ? _withinDeadlines.Peek() : long.MaxValue;
        _withinDeadlines.Push(Math.Min(deadline, outer));
        T result;
        try
        {
            result = func();
        }
        finally
        {
            _withinDeadlines.Pop();
        }
        var took = Since(start);
        if (took < min)
        {
            throw Fail($"Within: the block took {Ms(took)}, less than the minimum {Ms(min)}.");
        }
        if (took > max)
        {
            throw Fail($"Within: the block took {Ms(took)}, more than the maximum {Ms(max)}.");
        }
        return result;
    }

    /// <summary>Async twin of <see cref="Within(TimeSpan, TimeSpan, Action)"/>.</summary>
    /// <param name="min">The shortest the block may take.</param>
    /// <param name="max">The longest the block may take.</param>
    /// <param name="action">The block.</param>
    /// <returns>A task.</returns>
    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = Now();
        var deadline = start + (long)(max.TotalSeconds * Stopwatch.Frequency);
        var outer = _withinDeadlines.Count > 0 ? _withinDeadlines.Peek() : long.MaxValue;
        _withinDeadlines.Push(Math.Min(deadline, outer));
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            _withinDeadlines.Pop();
        }
        var took = Since(start);
        if (took < min || took > max)
        {
            throw Fail($"Within: the block took {Ms(took)}, outside [{Ms(min)}, {Ms(max)}].");
        }
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it stops throwing, every <paramref name="interval"/>
    /// (default 100 ms), for at most <paramref name="duration"/> (default: remaining or default); the
    /// last failure is rethrown with the time waited.
    /// </summary>
    /// <param name="assertion">Assertions that eventually hold.</param>
    /// <param name="duration">How long to keep trying.</param>
    /// <param name="interval">Pause between tries.</param>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var total = Effective(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Now();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception ex) when (Since(start) < total)
            {
                _ = ex;
                var left = total - Since(start);
                Thread.Sleep(left < pause ? left : pause);
            }
            catch (Exception ex)
            {
                throw Fail($"AwaitAssert: still failing after {Ms(Since(start))}: {ex.Message}");
            }
        }
    }

    /// <summary>Async twin of <see cref="AwaitAssert"/>.</summary>
    /// <param name="assertion">Assertions that eventually hold.</param>
    /// <param name="duration">How long to keep trying.</param>
    /// <param name="interval">Pause between tries.</param>
    /// <returns>A task.</returns>
    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var total = Effective(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Now();
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (Since(start) < total)
            {
                _ = ex;
                var left = total - Since(start);
                await Task.Delay(left < pause ? left : pause).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw Fail($"AwaitAssert: still failing after {Ms(Since(start))}: {ex.Message}");
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every <paramref name="interval"/> (default 100 ms).</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="duration">How long to wait (null: remaining or default).</param>
    /// <param name="interval">Pause between checks.</param>
    /// <param name="message">Added to the failure message.</param>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var total = Effective(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Now();
        while (!condition())
        {
            var left = total - Since(start);
            if (left <= TimeSpan.Zero)
            {
                throw Fail($"AwaitCondition: condition not met within {Ms(total)}.{Hint(message)}");
            }
            Thread.Sleep(left < pause ? left : pause);
        }
    }

    /// <summary>Async twin of <see cref="AwaitCondition"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="duration">How long to wait.</param>
    /// <param name="interval">Pause between checks.</param>
    /// <param name="message">Added to the failure message.</param>
    /// <returns>A task.</returns>
    public async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var total = Effective(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Now();
        while (!condition())
        {
            var left = total - Since(start);
            if (left <= TimeSpan.Zero)
            {
                throw Fail($"AwaitCondition: condition not met within {Ms(total)}.{Hint(message)}");
            }
            await Task.Delay(left < pause ? left : pause).ConfigureAwait(false);
        }
    }

    private static TimeSpan Left(long deadline)
    {
        var left = Stopwatch.GetElapsedTime(Now(), deadline);
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }
}
