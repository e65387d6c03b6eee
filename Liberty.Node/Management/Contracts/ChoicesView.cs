namespace Liberty.Node.Management.Contracts;

/// <summary>What this node offers for the LanDevice, Action and User parameters of a task's arguments (<c>GET /api/choices</c>).</summary>
/// <param name="LanDevices">The LAN devices configured on the node (<c>Network:LanDevices</c>).</param>
/// <param name="Actions">The stored actions (<c>Devices:Actions</c>).</param>
/// <param name="Users">The users and groups (none on a node today: a User argument is given by id).</param>
internal sealed record ChoicesView(IReadOnlyList<ChoiceView> LanDevices, IReadOnlyList<ChoiceView> Actions, IReadOnlyList<ChoiceView> Users)
{
    /// <summary>Nothing to choose from.</summary>
    public static ChoicesView None { get; } = new([], [], []);
}
