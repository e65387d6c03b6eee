namespace Liberty.Node.Management.Contracts;

/// <summary>The node's actor system (<c>GET /api/actors/system</c>).</summary>
/// <param name="Name">The system's name.</param>
/// <param name="Address">Its address.</param>
/// <param name="Uptime">How long the node has run, as in <see cref="NodeStatusView.Uptime"/>.</param>
/// <param name="DeadLetters">Messages to actors that are gone, since start.</param>
/// <param name="Guardians">The paths of the user and system guardians.</param>
/// <param name="UserActors">The user guardian's children.</param>
/// <param name="SystemActors">The system guardian's children.</param>
internal sealed record ActorSystemView(string Name, string Address, string Uptime, long DeadLetters, IReadOnlyList<string> Guardians, int UserActors, int SystemActors);
