namespace Liberty.TestKit;

/// <summary>A message a test actor received, with its sender.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it (null: no sender).</param>
public sealed record ReceivedMessage(object Message, IActorRef? Sender)
{
    /// <inheritdoc />
    public override string ToString() => $"{Describe(Message)} from {Sender?.Path.ToString() ?? "no sender"}";

    internal static string Describe(object? message) => message switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{message.GetType().Name} {message}",
    };
}
