using Liberty.Actors.Dispatch;

namespace Liberty.Actors.Internal;

/// <summary>
/// <see cref="IStash"/>: stashed envelopes in order; unstashing moves them to the cell's
/// "unstashed" queue, which the run loop reads before the mailbox.
/// </summary>
/// <remarks>Owned by the actor's thread.</remarks>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope ?? throw new InvalidOperationException("Stash() is called while handling a message.");
        if (_stashed.Last is { } last && ReferenceEquals(last.Value, current))
        {
            throw new InvalidOperationException($"The message {current.Message.GetType().Name} is already stashed.");
        }
        _stashed.AddLast(current);
    }

    public void Unstash()
    {
        if (_stashed.First is { } first)
        {
            _stashed.RemoveFirst();
            cell.PrependUnstashed([first.Value]);
        }
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<object, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var taken = new List<Envelope>();
        for (var node = _stashed.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value.Message))
            {
                taken.Add(node.Value);
                _stashed.Remove(node);
            }
            node = next;
        }
        cell.PrependUnstashed(taken);
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(static e => e.Message).ToList();
        _stashed.Clear();
        return messages;
    }

    /// <summary>On restart: everything stashed goes back in front.</summary>
    public void PrependAllToMailbox() => UnstashAll();

    /// <summary>On stop: takes everything (for dead letters).</summary>
    public List<Envelope> TakeAll()
    {
        var all = _stashed.ToList();
        _stashed.Clear();
        return all;
    }
}
