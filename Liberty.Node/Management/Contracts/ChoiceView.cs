namespace Liberty.Node.Management.Contracts;

/// <summary>Something a task argument may name: a LAN device, a stored action, a user.</summary>
/// <param name="Id">The id the app gets.</param>
/// <param name="Name">The name people pick it by.</param>
internal sealed record ChoiceView(long Id, string Name);
