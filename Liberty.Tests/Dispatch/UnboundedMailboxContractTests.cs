using Liberty.Actors;

namespace Liberty.Tests.Dispatch;

/// <summary>The mailbox contract on the default unbounded mailbox.</summary>
public sealed class UnboundedMailboxContractTests(ITestOutputHelper output) : MailboxContract(output)
{
    protected override MailboxKind Kind => MailboxKind.Unbounded;
}
