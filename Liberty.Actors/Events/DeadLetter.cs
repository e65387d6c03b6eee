namespace Liberty.Actors.Events;

/// <summary>
/// Published on the event stream for a message that could not be delivered (the recipient has
/// stopped, or its bounded mailbox was full).
/// </summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender, when there was one.</param>
/// <param name="Recipient">The intended recipient.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
