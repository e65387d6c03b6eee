using Liberty.Actors.Events;
using Liberty.Actors.Supervision;

namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{

    /// <summary>Actor code threw: suspend, suspend the children, and ask the parent what to do.</summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_state >= StateTerminating)
        {
            Publish(LogLevel.Error, $"{cause.GetType().Name} while stopping: {cause.Message}", cause);
            return;
        }
        if (_failed)
        {
            Publish(LogLevel.Error, $"{cause.GetType().Name} while already failed: {cause.Message}", cause);
            return;
        }
        _failed = true;
        FailedMessage = message;
        if (_asyncRunning)
        {
            // The failure ends the async handler: its suspension is folded into the failure's.
            _asyncRunning = false;
            _current = null;
        }
        else
        {
            Mailbox.SuspendOnce();
        }
        foreach (var child in ChildRefs())
        {
            child.SendSystemMessage(new Suspend());
        }
        _parent.SendSystemMessage(new Failed(Self, cause, Path.Uid));
        AssertInvariants();
    }

    /// <summary>A child failed: apply the supervisor strategy.</summary>
    private void HandleFailed(Failed failed)
    {
        if (!IsChild(failed.Child, out var child) || child.Path.Uid != failed.Uid)
        {
            return;
        }
        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategy() ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decider(failed.Cause);
        }
#pragma warning disable CA1031 // A throwing decider escalates, as in Akka.
        catch (Exception)
#pragma warning restore CA1031
        {
            directive = Directive.Escalate;
        }
        strategy.LogFailure(this, child, failed.Cause, directive);
        if (directive == Directive.Escalate)
        {
            HandleInvokeFailure(failed.Cause, null);
            return;
        }
        strategy.Apply(this, child, failed.Cause, directive, StatsFor(child));
    }

    private void HandleSuspend()
    {
        Mailbox.SuspendOnce();
        foreach (var child in ChildRefs())
        {
            child.SendSystemMessage(new Suspend());
        }
    }

    private void HandleResume(Exception? causedByFailure)
    {
        if (causedByFailure is not null)
        {
            if (!_failed)
            {
                return;
            }
            _failed = false;
            FailedMessage = null;
        }
        Mailbox.ResumeOnce();
        foreach (var child in ChildRefs())
        {
            child.SendSystemMessage(new Resume(null));
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if (_state >= StateTerminating)
        {
            return;
        }
        var old = _actor;
        if (old is not null)
        {
            try
            {
                old.PreRestart(cause, FailedMessage);
            }
#pragma warning disable CA1031 // A failing PreRestart is logged; the restart goes on (Akka).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Publish(LogLevel.Error, $"PreRestart threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }
        TimersState?.CancelAll();
        CancelReceiveTimeout();
        StashState?.PrependAllToMailbox();
        _actor = null;
        _behaviors = null;
        bool childrenStopping;
        var c = Volatile.Read(ref _children);
        if (c is null)
        {
            childrenStopping = false;
        }
        else
        {
            lock (c.Lock)
            {
                childrenStopping = c.Stopping.Count > 0;
            }
        }
        if (childrenStopping)
        {
            PendingRecreate = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = ChildRefs();
        _failed = false;
        FailedMessage = null;
        Mailbox.ResumeAll();
        try
        {
            CreateInstance();
            _actor!.PostRestart(cause);
        }
#pragma warning disable CA1031 // Failures while restarting go to supervision as ActorInitializationException.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HandleInvokeFailure(new ActorInitializationException($"{Self.Path}: exception during restart: {ex.Message}", ex) { Actor = Self }, null);
            return;
        }
        foreach (var child in survivors)
        {
            child.SendSystemMessage(new Recreate(cause));
        }
        AssertInvariants();
    }

    private void HandleTerminate()
    {
        if (_state >= StateTerminating)
        {
            return;
        }
        _state = StateTerminating;
        PendingRecreate = null;
        Mailbox.SuspendOnce();
        var children = ChildRefs();
        if (children.Count == 0)
        {
            FinishTerminate();
            return;
        }
        foreach (var child in children)
        {
            StopChild(child);
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null && !_abandoned)
        {
            try
            {
                actor.PostStop();
            }
#pragma warning disable CA1031 // A failing PostStop is logged; the stop goes on (Akka).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Publish(LogLevel.Error, $"PostStop threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }
        TimersState?.CancelAll();
        CancelReceiveTimeout();
        _actor = null;
        _behaviors = null;
        _current = null;
        _asyncRunning = false;
        Volatile.Write(ref _state, StateTerminated);
        Mailbox.Close();
        if (StashState is not null)
        {
            foreach (var e in StashState.TakeAll())
            {
                System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, Self));
            }
        }
        DrainToDeadLetters();
        TellWatchersWeDied();
        UnwatchWatchedActors();
        _parent.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
        Dispatcher.Detach(this);
        ProcessPostMortem();
        AssertInvariants();
    }

    /// <summary>
    /// Dead-letters messages that reached the closed mailbox after its final drain. The queue has a
    /// single consumer, so a thread drains only while it holds the mailbox's scheduled flag.
    /// </summary>
    public void DrainClosedMailbox()
    {
        while (Mailbox.HasMessages && Mailbox.TryAcquireClosed())
        {
            DeadLetterMailbox();
            Mailbox.SetIdle();
        }
    }

    /// <summary>Sends every waiting user message to dead letters (inside the final run, which holds the mailbox).</summary>
    private void DrainToDeadLetters()
    {
        while (Unstashed is { Count: > 0 } q)
        {
            var e = q.Dequeue();
            System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, Self));
        }
        DeadLetterMailbox();
    }

    /// <summary>Dead-letters the mailbox's user messages (kernel wrappers are dropped); the caller holds the mailbox.</summary>
    private void DeadLetterMailbox()
    {
        while (Mailbox.TryDequeue(out var e))
        {
            if (e.Message is not DeathWatchDelivery and not TimerScheduler.Fired)
            {
                System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, Self));
            }
        }
    }

    /// <summary>Handles system messages that reach a closed mailbox: watchers learn at once that the actor is gone.</summary>
    private void ProcessPostMortem()
    {
        var message = Mailbox.SystemDrain();
        while (message is not null)
        {
            var next = message.Next;
            message.Next = null;
            HandlePostMortem(message);
            message = next;
        }
    }

    private void HandlePostMortem(SystemMessage message)
    {
        if (message is Watch w && !ReferenceEquals(w.Watcher, Self))
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
        }
    }

    private void Publish(LogLevel level, string message, Exception? cause = null) =>
        System.EventStream.Publish(new LogEvent(level, Path.ToString(), _actor?.GetType() ?? Props.ActorType, message, cause));
}
