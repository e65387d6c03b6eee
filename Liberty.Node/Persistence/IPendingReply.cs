namespace Liberty.Node.Persistence;

/// <summary>A caller's task waiting for an entity's answer, which its <see cref="EntityChannel"/> can fail.</summary>
internal interface IPendingReply
{
    /// <summary>Fails the caller's task (no effect if it already completed).</summary>
    /// <param name="exception">Why.</param>
    void Fail(Exception exception);
}
