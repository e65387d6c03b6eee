using Liberty.Actors.Internal;

namespace Liberty.Actors.Dispatch;

/// <summary>
/// Decides on which thread an actor's mailbox runs. All dispatchers share one run loop
/// (<see cref="Run"/>); they differ in where a scheduled mailbox goes.
/// </summary>
/// <remarks>
/// <b>Contract for every dispatcher:</b> a mailbox is run by at most one thread at a time; a run
/// processes all system messages first, then up to <see cref="Throughput"/> user messages (stopping
/// earlier at <see cref="ThroughputDeadline"/>, when suspended, or when closed); anything left is
/// scheduled again, behind whatever was already waiting on the same dispatcher.
/// </remarks>
public abstract class MessageDispatcher
{
    /// <summary>Creates a dispatcher.</summary>
    /// <param name="id">The id actors name in <see cref="Props.WithDispatcher(string)"/>.</param>
    /// <param name="throughput">User messages per mailbox run; must be positive.</param>
    /// <param name="throughputDeadline">Longest run before yielding the thread; null for no limit.</param>
    protected MessageDispatcher(string id, int throughput, TimeSpan? throughputDeadline)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(throughput);
        Id = id;
        Throughput = throughput;
        ThroughputDeadline = throughputDeadline;
    }

    /// <summary>The id actors refer to this dispatcher by.</summary>
    public string Id { get; }

    /// <summary>Most user messages one mailbox run processes before the mailbox goes to the back of the line.</summary>
    public int Throughput { get; }

    /// <summary>Longest time one mailbox run may take before yielding (checked between messages); null: no limit.</summary>
    public TimeSpan? ThroughputDeadline { get; }

    /// <summary>The time source for deadlines; set when the dispatcher joins a system.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Hands a mailbox that was just marked scheduled to a thread.</summary>
    internal abstract void Schedule(Mailbox mailbox);

    /// <summary>Hands back a mailbox whose run ended with work left (already marked scheduled); it goes behind waiting work.</summary>
    internal virtual void Reschedule(Mailbox mailbox) => Schedule(mailbox);

    /// <summary>Called when an actor using this dispatcher is created.</summary>
    internal virtual void Attach(ActorCell cell)
    {
    }

    /// <summary>Called when an actor using this dispatcher has stopped.</summary>
    internal virtual void Detach(ActorCell cell)
    {
    }

    /// <summary>Entry point of a mailbox queued on the .NET thread pool.</summary>
    internal virtual void RunFromPool(Mailbox mailbox) => Run(mailbox);

    /// <summary>True when the run on the current thread must stop at once without touching the mailbox again.</summary>
    internal virtual bool IsRunAbandoned => false;

    internal void TrySchedule(Mailbox mailbox)
    {
        if (mailbox.TrySetScheduled())
        {
            Schedule(mailbox);
        }
    }

    /// <summary>One mailbox run (see the type's remarks).</summary>
    internal void Run(Mailbox mailbox)
    {
        var cell = mailbox.Cell;
        cell.ProcessSystemMessages();
        if (IsRunAbandoned)
        {
            return;
        }
        if (!mailbox.IsClosed)
        {
            var throughput = Throughput;
            var deadline = ThroughputDeadline is { } d ? Time.GetTimestamp() + (long)(d.TotalSeconds * Time.TimestampFrequency) : long.MaxValue;
            for (var i = 0; i < throughput; i++)
            {
                if (!mailbox.CanProcessUserMessages || !cell.TryNextEnvelope(out var envelope))
                {
                    break;
                }
                cell.Invoke(envelope);
                if (IsRunAbandoned)
                {
                    return;
                }
                if (mailbox.HasSystemMessages)
                {
                    cell.ProcessSystemMessages();
                }
                if (deadline != long.MaxValue && Time.GetTimestamp() >= deadline)
                {
                    break;
                }
            }
        }
        mailbox.SetIdle();
        if (mailbox.IsClosed)
        {
            cell.DrainClosedMailbox();
        }
        else if (mailbox.CanBeScheduled(cell.HasUserMessages, mailbox.HasSystemMessages) && mailbox.TrySetScheduled())
        {
            Reschedule(mailbox);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({Id})";
}
