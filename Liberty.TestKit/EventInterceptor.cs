using Liberty.Actors.Events;
using Liberty.Actors.Internal;
using Xunit.Abstractions;

namespace Liberty.TestKit;

/// <summary>
/// Subscribed to the event stream of a test system: counts events for active
/// <see cref="EventFilterApplier"/>s (muting them) and writes the others to the test output.
/// </summary>
/// <remarks>Publishers call <see cref="Tell"/> from any thread; the filter list is guarded by a lock
/// and the matching runs outside it.</remarks>
internal sealed class EventInterceptor(ITestOutputHelper? output, LogLevel outputLevel) : InternalActorRef
{
    private static readonly ActorPath InterceptorPath = ActorPath.Root(new Address("testkit", "local")).Child("event-interceptor");

    private readonly Lock _lock = new();
    private ActiveFilter[] _filters = [];

    public override ActorPath Path => InterceptorPath;

    public ActiveFilter Add(Func<object, bool> matches)
    {
        var filter = new ActiveFilter(matches);
        lock (_lock)
        {
            _filters = [.. _filters, filter];
        }
        return filter;
    }

    public void Remove(ActiveFilter filter)
    {
        lock (_lock)
        {
            _filters = Array.FindAll(_filters, f => !ReferenceEquals(f, filter));
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var f in Volatile.Read(ref _filters))
        {
            if (f.Matches(message))
            {
                f.Hit();
                return;
            }
        }
        if (output is null)
        {
            return;
        }
        var line = message switch
        {
            LogEvent e when e.Level >= outputLevel => e.ToString(),
            DeadLetter d when outputLevel <= LogLevel.Info => $"[DeadLetter] {ReceivedMessage.Describe(d.Message)} to {d.Recipient.Path}",
            UnhandledMessage u when outputLevel <= LogLevel.Info => $"[Unhandled] {ReceivedMessage.Describe(u.Message)} at {u.Recipient.Path}",
            _ => null,
        };
        if (line is not null)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has finished: xunit refuses output after that. Nothing to report to.
            }
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
    }

    internal sealed class ActiveFilter(Func<object, bool> matches)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public bool Matches(object e) => matches(e);

        public void Hit() => Interlocked.Increment(ref _count);
    }
}
