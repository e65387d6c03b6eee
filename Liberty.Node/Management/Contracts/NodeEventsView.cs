namespace Liberty.Node.Management.Contracts;

/// <summary>The device event bus's counters in the node's status (<c>GET /api/node</c> under <c>events</c>).</summary>
/// <param name="Published">Events published.</param>
/// <param name="Delivered">Deliveries to subscribers.</param>
/// <param name="Dropped">Deliveries dropped (a subscriber's queue was full).</param>
/// <param name="DeadLetters">Messages of the actor system to actors that are gone.</param>
internal sealed record NodeEventsView(long Published, long Delivered, long Dropped, long DeadLetters);
