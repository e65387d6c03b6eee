namespace Liberty.Node.Engine;

/// <summary>Outcome of an asynchronous post (E2).</summary>
public enum PostResult
{
    /// <summary>Queued; it will be delivered in order.</summary>
    Ok,

    /// <summary>The receiver's queue is at capacity: not stored, not delivered, counted for the receiver.</summary>
    Full,

    /// <summary>The receiver has ended.</summary>
    Ended,
}
