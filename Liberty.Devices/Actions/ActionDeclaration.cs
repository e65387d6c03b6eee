namespace Liberty.Devices.Actions;

/// <summary>
/// A stored action declared in configuration (<c>Devices:Actions:[i]</c>): a named set of device commands that
/// <c>Libre_ActionTrigger(action, source)</c> runs. Bindable from JSON:
/// <c>{"Id":1,"Name":"evening","Commands":[{"Device":"hall","Cluster":"0x0008","Command":"0","Arguments":["128","10"]}]}</c>.
/// </summary>
public sealed class ActionDeclaration
{
    /// <summary>The integer id apps see (an Action parameter's value); above 0 and unique. Default 0 (invalid: must be set).</summary>
    public long Id { get; set; }

    /// <summary>The name people use (unique, non-empty).</summary>
    public string Name { get; set; } = "";

    /// <summary>The commands, sent in this order when the action is triggered; at least one.</summary>
    public List<ActionCommandDeclaration> Commands { get; init; } = [];
}
