using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace Liberty.Actors.Time;

/// <summary>
/// Akka's scheduler on a <see cref="TimeProvider"/>: the node's one clock. Actor timers
/// (<c>IWithTimers</c>), <c>ScheduleTellOnce</c>, ask timeouts and everything else Akka schedules run on the
/// same clock as Lua waits and device transitions, so a manual clock in a spec drives all of them together.
/// </summary>
/// <remarks>
/// <para>Akka creates its scheduler from configuration (<c>akka.scheduler.implementation</c>) with a fixed
/// constructor, so the clock is found by name: <see cref="Register"/> returns a key that
/// <see cref="LibertyActorSystem"/> writes to <c>liberty.clock</c>; the key <c>system</c> (or none) means
/// <see cref="TimeProvider.System"/>. The registration ends when the scheduler is disposed with its system.</para>
/// <para>Each scheduled item is one <see cref="ITimer"/> of the provider. A cancelled item disposes its
/// timer, so nothing fires after <see cref="ICancelable.Cancel()"/> returned (on a manual clock; on the
/// system clock a callback already running may finish, as with Akka's own scheduler).</para>
/// <para><b>Thread:</b> any. <b>Cancellation:</b> through the <see cref="ICancelable"/> given, strict.
/// <b>Ordering:</b> items fall due in deadline order, ties in scheduling order on a manual clock.</para>
/// </remarks>
public sealed class TimeProviderScheduler : SchedulerBase, IDisposable
{
    /// <summary>The configuration key that names the clock.</summary>
    public const string ClockKey = "liberty.clock";

    /// <summary>The clock name that means <see cref="TimeProvider.System"/>.</summary>
    public const string SystemClock = "system";

    private static readonly ConcurrentDictionary<string, TimeProvider> Clocks = new();

    private readonly string? _registration;
    private readonly long _start;

    /// <summary>Created by Akka from configuration; not called by user code.</summary>
    /// <param name="config">The system's configuration (reads <see cref="ClockKey"/>).</param>
    /// <param name="log">Akka's scheduler log.</param>
    public TimeProviderScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = config.GetString(ClockKey, SystemClock);
        if (name == SystemClock)
        {
            Clock = TimeProvider.System;
        }
        else if (Clocks.TryGetValue(name, out var clock))
        {
            Clock = clock;
            _registration = name;
        }
        else
        {
            throw new ConfigurationException($"{ClockKey} = \"{name}\" names no registered clock (TimeProviderScheduler.Register).");
        }
        _start = Clock.GetTimestamp();
    }

    /// <summary>The clock this scheduler runs on.</summary>
    public TimeProvider Clock { get; }

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => Clock.GetUtcNow();

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => Clock.GetElapsedTime(_start);

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => Clock.GetElapsedTime(_start);

    /// <summary>Makes <paramref name="clock"/> findable by the scheduler of a system about to be created.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The key to write to <see cref="ClockKey"/>; it is forgotten when that system's scheduler is disposed.</returns>
    public static string Register(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (ReferenceEquals(clock, TimeProvider.System))
        {
            return SystemClock;
        }
        var key = $"clock-{Guid.NewGuid():N}";
        Clocks[key] = clock;
        return key;
    }

    /// <summary>Forgets a registration that no system used (a failed start).</summary>
    /// <param name="key">What <see cref="Register"/> returned.</param>
    public static void Unregister(string key) => Clocks.TryRemove(key, out _);

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Arm(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Arm(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Arm(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Arm(delay, Timeout.InfiniteTimeSpan, action.Run, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Arm(initialDelay, interval, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Arm(initialDelay, interval, action.Run, cancelable);

    private void Arm(TimeSpan due, TimeSpan period, Action action, ICancelable? cancelable)
    {
        if (cancelable is { IsCancellationRequested: true })
        {
            return;
        }
        var item = new Item(action, cancelable, period == Timeout.InfiniteTimeSpan, Log);
        item.Timer = Clock.CreateTimer(static s => ((Item)s!).Fire(), item, due < TimeSpan.Zero ? TimeSpan.Zero : due, period);
        if (cancelable is not null)
        {
            item.Registration = cancelable.Token.UnsafeRegister(static s => ((Item)s!).Dispose(), item);
        }
    }

    /// <summary>Forgets the clock registration (Akka disposes the scheduler when its system terminates).</summary>
    public void Dispose()
    {
        if (_registration is not null)
        {
            Clocks.TryRemove(_registration, out _);
        }
    }

    // One scheduled action and its timer. Fire runs on the clock's timer thread (on a manual clock: the
    // thread that advances it).
    private sealed class Item(Action action, ICancelable? cancelable, bool once, ILoggingAdapter log)
    {
        public ITimer? Timer { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Fire()
        {
            if (cancelable is { IsCancellationRequested: true })
            {
                return;
            }
            if (once)
            {
                Dispose();
            }
            try
            {
                action();
            }
#pragma warning disable CA1031 // A scheduled action has nobody to fail to: log it, as Akka's own scheduler does.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.Error(ex, "A scheduled action failed.");
            }
        }

        public void Dispose()
        {
            Timer?.Dispose();
            Registration.Dispose();
        }
    }
}
