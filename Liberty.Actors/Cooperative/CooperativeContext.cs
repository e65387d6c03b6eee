namespace Liberty.Actors.Cooperative;

/// <summary>
/// The <see cref="SynchronizationContext"/> of one piece of cooperative code (a task thread): every
/// <c>await</c> in that code resumes as a new slice on the <see cref="CooperativeExecutor"/>, queued behind
/// the work that became ready before it. Created with <see cref="CooperativeExecutor.CreateContext"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Owner"/> is who the slices are run for (the engine's thread); <see cref="Group"/> is what
/// must never run two slices at once (the engine's task: its threads share one Lua state). During a
/// hand-off the group of the stuck slice is held: its work waits until that slice ends.</para>
/// <para>After <see cref="Abandon"/> nothing posted through this context runs any more (a killed task's
/// later continuations).</para>
/// <para><b>Thread:</b> <see cref="Post"/> and <see cref="Abandon"/> from any thread; <see cref="Send"/> only
/// on the cooperative thread (elsewhere it would block the caller). <b>Cancellation:</b> none.
/// <b>Ordering:</b> FIFO with every other item of the executor (S2).</para>
/// </remarks>
public sealed class CooperativeContext : SynchronizationContext
{
    private readonly CooperativeExecutor _executor;
    private volatile bool _abandoned;

    internal CooperativeContext(CooperativeExecutor executor, object owner, object group)
    {
        _executor = executor;
        Owner = owner;
        Group = group;
    }

    /// <summary>Who this code belongs to (for the watchdog and statistics).</summary>
    public object Owner { get; }

    /// <summary>The exclusion group: never two slices of one group at once, also during a hand-off.</summary>
    public object Group { get; }

    /// <summary>True once <see cref="Abandon"/> was called.</summary>
    public bool IsAbandoned => _abandoned;

    /// <summary>Drops every later continuation of this code, queued or still to come.</summary>
    public void Abandon() => _abandoned = true;

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        _executor.Enqueue(new CooperativeWork(d, state, this));
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!_executor.IsOnRunnerThread)
        {
            throw new InvalidOperationException("Send onto the cooperative thread would block the caller; use Post.");
        }
        d(state);
    }

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;
}
