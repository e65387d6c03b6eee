namespace Liberty.Devices.Actions;

/// <summary>A validated stored action: what <c>Libre_ActionTrigger</c> runs. Immutable.</summary>
/// <param name="Id">The id apps see.</param>
/// <param name="Name">The name people use.</param>
/// <param name="Steps">The commands, in order.</param>
public sealed record StoredAction(long Id, string Name, IReadOnlyList<ActionStep> Steps);
