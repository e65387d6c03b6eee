namespace Liberty.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Expects a message of type <typeparamref name="T"/> within the timeout.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="timeout">How long to wait (null: remaining or default).</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(TimeSpan? timeout = null, string? hint = null) => ExpectMsgWhere<T>(null, null, timeout, hint);

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="expected">The expected message (compared with <see cref="object.Equals(object)"/>).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null, string? hint = null) =>
        ExpectMsgWhere<T>(m => Equals(m, expected), $"equal to {ReceivedMessage.Describe(expected)}", timeout, hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> that satisfies <paramref name="isMessage"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        return ExpectMsgWhere<T>(isMessage, "matching the predicate", timeout, hint);
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs <paramref name="assert"/> on it.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="assert">Assertions on the message (throwing fails the test).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(assert);
        var message = ExpectMsg<T>(timeout, hint);
        assert(message);
        return message;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> sent by <paramref name="sender"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="sender">The expected sender.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var message = ExpectMsg<T>(timeout, hint);
        if (!sender.Equals(LastSender))
        {
            throw Fail($"Expected {typeof(T).Name} from {sender.Path} but it came from {LastSender?.Path.ToString() ?? "no sender"}.{Hint(hint)}");
        }
        return message;
    }

    /// <summary>Expects <paramref name="expected"/> sent by <paramref name="sender"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="sender">The expected sender.</param>
    /// <param name="expected">The expected message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    public T ExpectMsgFrom<T>(IActorRef sender, T expected, TimeSpan? timeout = null)
    {
        var message = ExpectMsgFrom<T>(sender, timeout);
        if (!Equals(message, expected))
        {
            throw Fail($"Expected {ReceivedMessage.Describe(expected)} from {sender.Path} but got {ReceivedMessage.Describe(message)}.");
        }
        return message;
    }

    /// <summary>Asserts that no message arrives for <see cref="DefaultNoMessageWait"/> (100 ms).</summary>
    public void ExpectNoMsg() => ExpectNoMsg(DefaultNoMessageWait);

    /// <summary>Asserts that no message arrives within <paramref name="duration"/>.</summary>
    /// <param name="duration">How long to watch.</param>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var start = Now();
        if (ReceiveOne(duration) is { } item)
        {
            throw Fail($"Expected no message for {Ms(duration)} but received {item} after {Ms(Since(start))}.");
        }
    }

    /// <summary>Expects <typeparamref name="T"/>-typed messages equal to all of <paramref name="messages"/>, in any order.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="messages">The expected messages.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) => ExpectMsgAllOf((TimeSpan?)null, messages);

    /// <summary>As <see cref="ExpectMsgAllOf{T}(T[])"/> with a total timeout.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="timeout">Total time for all of them.</param>
    /// <param name="messages">The expected messages.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan? timeout, params T[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var received = ReceiveN(messages.Length, timeout);
        var missing = messages.Cast<object?>().ToList();
        var unexpected = new List<object>();
        foreach (var m in received)
        {
            var index = missing.FindIndex(x => Equals(x, m));
            if (index >= 0)
            {
                missing.RemoveAt(index);
            }
            else
            {
                unexpected.Add(m);
            }
        }
        if (missing.Count > 0)
        {
            throw Fail($"ExpectMsgAllOf: missing [{string.Join(", ", missing.Select(ReceivedMessage.Describe))}], unexpected [{string.Join(", ", unexpected.Select(ReceivedMessage.Describe))}].");
        }
        return received.Cast<T>().ToList();
    }

    /// <summary>Expects one message equal to any of <paramref name="messages"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="messages">The candidates.</param>
    /// <returns>The message.</returns>
    public T ExpectMsgAnyOf<T>(params T[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return ExpectMsgWhere<T>(m => messages.Any(x => Equals(x, m)), $"equal to any of [{string.Join(", ", messages.Select(x => ReceivedMessage.Describe(x)))}]", null, null);
    }

    /// <summary>Receives exactly <paramref name="count"/> messages within the timeout (total).</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">Total time.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var total = Effective(timeout);
        var start = Now();
        var list = new List<object>(count);
        while (list.Count < count)
        {
            var item = ReceiveOne(total - Since(start));
            if (item is null)
            {
                throw Fail($"ReceiveN: expected {count} messages within {Ms(total)} but received {list.Count}: [{string.Join(", ", list.Select(ReceivedMessage.Describe))}].");
            }
            list.Add(item.Message);
        }
        return list;
    }

    /// <summary>
    /// Receives messages while <paramref name="filter"/> maps them to non-null values, at most
    /// <paramref name="maxMessages"/>, stopping after <paramref name="idle"/> without a message or at
    /// <paramref name="max"/> overall. The first message the filter rejects is consumed and ends the loop.
    /// </summary>
    /// <typeparam name="T">What the filter returns.</typeparam>
    /// <param name="filter">Maps a message to a value, or null to stop.</param>
    /// <param name="max">Overall limit (null: remaining or default).</param>
    /// <param name="idle">Longest gap between messages (null: no gap limit).</param>
    /// <param name="maxMessages">Most messages to take.</param>
    /// <returns>The mapped values.</returns>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        var total = Effective(max);
        var start = Now();
        var list = new List<T>();
        while (list.Count < maxMessages)
        {
            var left = total - Since(start);
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            var wait = idle is { } i && i < left ? i : left;
            var item = ReceiveOne(wait);
            if (item is null)
            {
                break;
            }
            var mapped = filter(item.Message);
            if (mapped is null)
            {
                break;
            }
            list.Add(mapped);
        }
        return list;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>; fails when the time runs out.</summary>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">Total time.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The first matching message.</returns>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null, string? hint = null) => FishForMessage<object>(isMessage, timeout, hint);

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>.</summary>
    /// <typeparam name="T">The type looked for.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">Total time.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The first matching message.</returns>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var total = Effective(timeout);
        var start = Now();
        var skipped = new List<object>();
        while (true)
        {
            var item = ReceiveOne(total - Since(start));
            if (item is null)
            {
                throw Fail($"FishForMessage: no {typeof(T).Name} matched within {Ms(total)}; skipped [{string.Join(", ", skipped.Select(ReceivedMessage.Describe))}].{Hint(hint)}");
            }
            if (item.Message is T t && isMessage(t))
            {
                return t;
            }
            skipped.Add(item.Message);
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    /// <param name="target">The watched actor.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The notice.</returns>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsgWhere<Terminated>(t => t.ActorRef.Equals(target), $"for {target.Path}", timeout, null);
    }

    private T ExpectMsgWhere<T>(Predicate<T>? condition, string? conditionText, TimeSpan? timeout, string? hint)
    {
        var wait = Effective(timeout);
        var start = Now();
        return Check(ReceiveOne(wait), condition, conditionText, wait, Since(start), hint);
    }

    private static T Check<T>(ReceivedMessage? item, Predicate<T>? condition, string? conditionText, TimeSpan wait, TimeSpan waited, string? hint)
    {
        var what = conditionText is null ? typeof(T).Name : $"{typeof(T).Name} {conditionText}";
        if (item is null)
        {
            throw Fail($"Expected {what} within {Ms(wait)} but received nothing (waited {Ms(waited)}).{Hint(hint)}");
        }
        if (item.Message is not T t)
        {
            throw Fail($"Expected {what} but received {item} (after {Ms(waited)}).{Hint(hint)}");
        }
        if (condition is not null && !condition(t))
        {
            throw Fail($"Expected {what} but received {item} (after {Ms(waited)}).{Hint(hint)}");
        }
        return t;
    }

    private static string Hint(string? hint) => hint is null ? "" : $" Hint: {hint}";
}
