using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>The dispatcher contract on the pinned dispatcher (one thread per actor).</summary>
public sealed class PinnedDispatcherContractTests(ITestOutputHelper output) : DispatcherContract(output)
{
    protected override string DispatcherId => PinnedDispatcher.DefaultId;

    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = new PinnedDispatcher(id, throughput);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId)
    {
        Assert.False(seen.IsThreadPoolThread, $"expected a dedicated thread, ran on {seen}");
        Assert.StartsWith("liberty-pinned /user/", seen.Name, StringComparison.Ordinal);
        Assert.NotEqual(testThreadId, seen.ManagedThreadId);
    }
}
