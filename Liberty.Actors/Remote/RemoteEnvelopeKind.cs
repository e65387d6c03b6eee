namespace Liberty.Actors.Remote;

/// <summary>What a <see cref="RemoteEnvelope"/> carries.</summary>
public enum RemoteEnvelopeKind
{
    /// <summary>A user message (payload serialized by <see cref="MessageSerializer"/>).</summary>
    User = 0,

    /// <summary>The sender starts watching the recipient (no payload).</summary>
    Watch = 1,

    /// <summary>The sender stops watching the recipient (no payload).</summary>
    Unwatch = 2,

    /// <summary>The sender (an actor the recipient watched) has stopped (no payload).</summary>
    DeathWatchNotification = 3,
}
