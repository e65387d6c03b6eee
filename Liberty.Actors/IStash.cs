namespace Liberty.Actors;

/// <summary>
/// Puts messages aside to process later (Akka's stash). Messages come back in the order they were
/// stashed, ahead of anything still in the mailbox.
/// </summary>
/// <remarks>Use only from the actor's own message handling. On restart the stash is put back in front
/// of the mailbox; on stop its messages go to dead letters.</remarks>
public interface IStash
{
    /// <summary>Stashes the current message. Stashing the same message twice is an error.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back in front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Puts back the stashed messages that match <paramref name="predicate"/>; the rest stay stashed.</summary>
    /// <param name="predicate">Which messages to put back.</param>
    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Drops every stashed message and returns them.</summary>
    /// <returns>The messages, oldest first.</returns>
    IReadOnlyList<object> ClearStash();

    /// <summary>Number of stashed messages.</summary>
    int Count { get; }
}
