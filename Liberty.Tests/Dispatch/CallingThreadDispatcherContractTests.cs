using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>The dispatcher contract on the calling-thread dispatcher.</summary>
public sealed class CallingThreadDispatcherContractTests(ITestOutputHelper output) : DispatcherContract(output)
{
    protected override string DispatcherId => CallingThreadDispatcher.DefaultId;

    // The calling-thread dispatcher has no throughput setting: one run takes everything queued.
    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = new CallingThreadDispatcher(id);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId) =>
        Assert.Equal(testThreadId, seen.ManagedThreadId);
}
