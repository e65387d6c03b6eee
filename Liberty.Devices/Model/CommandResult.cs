using System.Text.Json.Serialization;

namespace Liberty.Devices.Model;

/// <summary>The outcome of a command or attribute write: a status and, unless it succeeded, a message for people.</summary>
/// <param name="Status">The status.</param>
/// <param name="Message">What went wrong, naming the argument or attribute; null on success or pending.</param>
public readonly record struct CommandResult(CommandStatus Status, string? Message)
{
    /// <summary>The success result.</summary>
    public static CommandResult Success => new(CommandStatus.Success, null);

    /// <summary>The pending result.</summary>
    public static CommandResult Pending => new(CommandStatus.Pending, null);

    /// <summary>True when <see cref="Status"/> is <see cref="CommandStatus.Success"/>.</summary>
    [JsonIgnore]
    public bool IsSuccess => Status == CommandStatus.Success;

    /// <summary>True when the command failed for good (neither success nor pending); the sender gets an ok=false event.</summary>
    [JsonIgnore]
    public bool IsFailure => Status is not (CommandStatus.Success or CommandStatus.Pending);

    /// <summary>Creates a failed result.</summary>
    /// <param name="status">A failure status.</param>
    /// <param name="message">What went wrong.</param>
    /// <returns>The result.</returns>
    public static CommandResult Fail(CommandStatus status, string message) => new(status, message);
}
