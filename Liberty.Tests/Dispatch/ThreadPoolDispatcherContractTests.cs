using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>The dispatcher contract on the default (thread-pool) dispatcher.</summary>
public sealed class ThreadPoolDispatcherContractTests(ITestOutputHelper output) : DispatcherContract(output)
{
    protected override string DispatcherId => Dispatchers.DefaultId;

    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = new ThreadPoolDispatcher(id, throughput);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId)
    {
        Assert.True(seen.IsThreadPoolThread, $"expected a thread-pool thread, ran on {seen}");
        Assert.NotEqual(testThreadId, seen.ManagedThreadId);
    }
}
