using Liberty.Actors.Dispatch;

namespace Liberty.Actors;

/// <summary>
/// Which mailbox an actor gets (<see cref="Props.WithMailbox"/>). Build one with
/// <see cref="Unbounded"/>, <see cref="Bounded"/> or <see cref="StablePriority"/>.
/// </summary>
public sealed class MailboxKind
{
    private readonly Func<Mailbox> _factory;

    private MailboxKind(string description, Func<Mailbox> factory)
    {
        Description = description;
        _factory = factory;
    }

    /// <summary>A short human-readable description, e.g. "bounded(100)".</summary>
    public string Description { get; }

    /// <summary>The default: unbounded, never full.</summary>
    public static MailboxKind Unbounded { get; } = new("unbounded", static () => new UnboundedMailbox());

    /// <summary>
    /// At most <paramref name="capacity"/> waiting user messages. A message that finds it full is not
    /// stored: <c>Tell</c> sends it to dead letters, <c>TryTell</c> returns false. Never blocks the sender.
    /// </summary>
    /// <param name="capacity">Maximum waiting user messages; must be positive.</param>
    /// <returns>The mailbox kind.</returns>
    public static MailboxKind Bounded(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return new MailboxKind($"bounded({capacity})", () => new BoundedMailbox(capacity));
    }

    /// <summary>
    /// Unbounded; user messages are processed lowest <paramref name="priority"/> first, arrival order
    /// among equals. The function runs on the sender's thread and must be pure and fast.
    /// </summary>
    /// <param name="priority">Maps a message to its priority (lower runs first).</param>
    /// <returns>The mailbox kind.</returns>
    public static MailboxKind StablePriority(Func<object, int> priority)
    {
        ArgumentNullException.ThrowIfNull(priority);
        return new MailboxKind("stable-priority", () => new StablePriorityMailbox(priority));
    }

    internal Mailbox Create() => _factory();

    /// <inheritdoc />
    public override string ToString() => Description;
}
