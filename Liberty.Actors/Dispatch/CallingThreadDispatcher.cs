namespace Liberty.Actors.Dispatch;

/// <summary>
/// Runs a mailbox on the thread that scheduled it, before <c>Tell</c> returns (unless that mailbox is
/// already running further up the same stack, in which case the message is processed when that run
/// continues). For synchronous specs: no thread hops, fully deterministic. Not for production: a
/// sender runs its receiver's code.
/// </summary>
public sealed class CallingThreadDispatcher : MessageDispatcher
{
    /// <summary>The id under which every system registers one.</summary>
    public const string DefaultId = "calling-thread";

    /// <summary>Creates one.</summary>
    /// <param name="id">Its id.</param>
    public CallingThreadDispatcher(string id = DefaultId)
        : base(id, int.MaxValue, null)
    {
    }

    internal override void Schedule(Mailbox mailbox) => Run(mailbox);
}
