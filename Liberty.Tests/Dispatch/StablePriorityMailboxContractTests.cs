using Liberty.Actors;

namespace Liberty.Tests.Dispatch;

/// <summary>The mailbox contract on a stable-priority mailbox whose messages all have the same priority (so it must be plain FIFO).</summary>
public sealed class StablePriorityMailboxContractTests(ITestOutputHelper output) : MailboxContract(output)
{
    protected override MailboxKind Kind => MailboxKind.StablePriority(static _ => 7);
}
