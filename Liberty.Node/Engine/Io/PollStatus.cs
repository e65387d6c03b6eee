namespace Liberty.Node.Engine.Io;

/// <summary>Why <see cref="ITaskContext.PollHandles"/> returned.</summary>
public enum PollStatus
{
    /// <summary>At least one handle is ready for part of its interest.</summary>
    Ready,

    /// <summary>The timeout passed with no handle ready.</summary>
    TimedOut,

    /// <summary>An interrupt arrived inside an interruptible region (I6, Morelibc EINTR).</summary>
    Interrupted,
}
