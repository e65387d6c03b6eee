using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>The dispatcher contract on the system's built-in cooperative dispatcher.</summary>
public sealed class CooperativeDispatcherContractTests(ITestOutputHelper output) : SingleThreadDispatcherContract(output)
{
    protected override string DispatcherId => CooperativeDispatcher.DefaultId;

    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = DisposeAfterSystem(new CooperativeDispatcher(id, throughput, $"coop-{id}"));
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId)
    {
        var dispatcher = (CooperativeDispatcher)Sys.Dispatchers.Lookup(CooperativeDispatcher.DefaultId);
        Assert.Equal(dispatcher.Thread.ManagedThreadId, seen.ManagedThreadId);
        Assert.Equal("liberty-cooperative", seen.Name);
    }
}
