using Liberty.Actors.Dispatch;
using Liberty.Actors.Events;

namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{
    // State most actors never use lives in one lazily allocated object: an idle actor pays one
    // reference for it instead of a dozen fields (DESIGN.md section 11: ≤ 400 bytes per idle actor).
    // Its fields are actor-thread only, like the fields they replace. Reading a property never
    // allocates; setting one to null when nothing was allocated allocates nothing. The object itself is
    // published with a CAS so that a stray access from another thread (e.g. Log) cannot replace it.
    private CellExtras? _extras;

    private CellExtras Extras
    {
        get
        {
            var extras = Volatile.Read(ref _extras);
            if (extras is not null)
            {
                return extras;
            }
            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }

    private object? FailedMessage
    {
        get => _extras?.FailedMessage;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.FailedMessage = value;
            }
        }
    }

    private List<SystemMessage>? DeferredUntilCreated
    {
        get => _extras?.DeferredUntilCreated;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.DeferredUntilCreated = value;
            }
        }
    }

    private TimerScheduler? TimersState
    {
        get => _extras?.Timers;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Timers = value;
            }
        }
    }

    private ActorStash? StashState
    {
        get => _extras?.Stash;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Stash = value;
            }
        }
    }

    private Queue<Envelope>? Unstashed
    {
        get => _extras?.Unstashed;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Unstashed = value;
            }
        }
    }

    private ILoggingAdapter? LogAdapter
    {
        get => _extras?.Log;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Log = value;
            }
        }
    }

    // Actors this one watches, with the message to receive (null: Terminated).
    private Dictionary<IActorRef, object?>? WatchingMap
    {
        get => _extras?.Watching;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Watching = value;
            }
        }
    }

    // Actors watching this one.
    private HashSet<IActorRef>? WatchedBySet
    {
        get => _extras?.WatchedBy;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.WatchedBy = value;
            }
        }
    }

    // Watched actors whose notice is in the user queue; Unwatch removes the entry so the notice is dropped.
    private HashSet<IActorRef>? TerminatedQueued
    {
        get => _extras?.TerminatedQueued;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.TerminatedQueued = value;
            }
        }
    }

    private Exception? PendingRecreate
    {
        get => _extras?.PendingRecreate;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.PendingRecreate = value;
            }
        }
    }

    private ActorSynchronizationContext? SyncContext
    {
        get => _extras?.SyncContext;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.SyncContext = value;
            }
        }
    }

    // Receive timeout: the span, and the timer that delivers ReceiveTimeout.
    private TimeSpan? ReceiveTimeoutSpan
    {
        get => _extras?.ReceiveTimeout;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.ReceiveTimeout = value;
            }
        }
    }

    private ITimer? ReceiveTimeoutTimer
    {
        get => _extras?.ReceiveTimeoutTimer;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.ReceiveTimeoutTimer = value;
            }
        }
    }

    private sealed class CellExtras
    {
        public object? FailedMessage;
        public List<SystemMessage>? DeferredUntilCreated;
        public TimerScheduler? Timers;
        public ActorStash? Stash;
        public Queue<Envelope>? Unstashed;
        public ILoggingAdapter? Log;
        public Dictionary<IActorRef, object?>? Watching;
        public HashSet<IActorRef>? WatchedBy;
        public HashSet<IActorRef>? TerminatedQueued;
        public Exception? PendingRecreate;
        public ActorSynchronizationContext? SyncContext;
        public TimeSpan? ReceiveTimeout;
        public ITimer? ReceiveTimeoutTimer;
    }
}
