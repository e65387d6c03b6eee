namespace Liberty.Actors.Dispatch;

/// <summary>
/// Runs mailboxes through a <see cref="SynchronizationContext"/> (for example a UI thread's), so the
/// actors' code runs wherever that context posts.
/// </summary>
public sealed class SynchronizationContextDispatcher : MessageDispatcher
{
    private readonly SynchronizationContext _context;

    /// <summary>Creates one over <paramref name="context"/>.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="context">Where mailboxes run.</param>
    /// <param name="throughput">User messages per run.</param>
    public SynchronizationContextDispatcher(string id, SynchronizationContext context, int throughput = ThreadPoolDispatcher.DefaultThroughput)
        : base(id, throughput, null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    internal override void Schedule(Mailbox mailbox) =>
        _context.Post(static state => { var mb = (Mailbox)state!; mb.Dispatcher.Run(mb); }, mailbox);
}
