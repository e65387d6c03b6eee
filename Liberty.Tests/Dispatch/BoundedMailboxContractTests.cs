using Liberty.Actors;

namespace Liberty.Tests.Dispatch;

/// <summary>The mailbox contract on a bounded mailbox large enough never to fill.</summary>
public sealed class BoundedMailboxContractTests(ITestOutputHelper output) : MailboxContract(output)
{
    protected override MailboxKind Kind => MailboxKind.Bounded(10_000);
}
