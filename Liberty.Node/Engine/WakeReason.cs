namespace Liberty.Node.Engine;

/// <summary>Why a <see cref="ITaskContext.Wait"/> returned.</summary>
public enum WakeReason
{
    /// <summary>It only yielded (<c>Wait(0)</c>, or a deadline already past).</summary>
    Yielded,

    /// <summary>An event is queued for the thread (take it with <see cref="ITaskContext.GetEvent"/>).</summary>
    Event,

    /// <summary>The deadline was reached with no event queued.</summary>
    Deadline,
}
