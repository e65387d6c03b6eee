using Liberty.Actors;

namespace Liberty.Tests.Dispatch;

/// <summary>The stable-priority mailbox: lowest priority first, arrival order among equals.</summary>
public sealed class StablePriorityMailboxTests(ITestOutputHelper output) : MailboxSpec(output)
{
    // "urgent..." = 0, "normal..." = 5, anything else (e.g. "block") = 9.
    private static readonly MailboxKind ByPrefix = MailboxKind.StablePriority(static m => m switch
    {
        string s when s.StartsWith("urgent", StringComparison.Ordinal) => 0,
        string s when s.StartsWith("normal", StringComparison.Ordinal) => 5,
        _ => 9,
    });

    [Fact]
    public void TryDequeue_MixedPriorities_LowestFirstArrivalOrderAmongEquals()
    {
        var mailbox = ByPrefix.Create();
        foreach (var m in new[] { "other-1", "normal-1", "urgent-1", "normal-2", "other-2", "urgent-2", "normal-3" })
        {
            mailbox.TryEnqueue(Envelope(m));
        }

        var seen = new List<object>();
        while (mailbox.TryDequeue(out var e))
        {
            seen.Add(e.Message);
        }

        Assert.Equal(["urgent-1", "urgent-2", "normal-1", "normal-2", "normal-3", "other-1", "other-2"], seen);
    }

    [Fact]
    public void TryDequeue_EqualPrioritiesInterleavedWithDequeues_StayInArrivalOrder()
    {
        var mailbox = ByPrefix.Create();
        mailbox.TryEnqueue(Envelope("normal-1"));
        mailbox.TryEnqueue(Envelope("normal-2"));
        Assert.True(mailbox.TryDequeue(out var first));
        mailbox.TryEnqueue(Envelope("normal-3"));
        mailbox.TryEnqueue(Envelope("urgent-1"));

        var seen = new List<object> { first.Message };
        while (mailbox.TryDequeue(out var e))
        {
            seen.Add(e.Message);
        }

        Assert.Equal(["normal-1", "urgent-1", "normal-2", "normal-3"], seen);
    }

    [Fact]
    public void Run_ActorWithQueuedMixedPriorities_ProcessesLowestFirst()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(ByPrefix, gate);
        foreach (var m in new[] { "normal-1", "other", "urgent-1", "normal-2", "urgent-2" })
        {
            actor.Tell(m, ActorRefs.NoSender);
        }

        gate.Set();

        Assert.Equal(["urgent-1", "urgent-2", "normal-1", "normal-2", "other"], ReceiveN(5));
    }

    [Fact]
    public void StablePriority_NullFunction_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MailboxKind.StablePriority(null!));
}
