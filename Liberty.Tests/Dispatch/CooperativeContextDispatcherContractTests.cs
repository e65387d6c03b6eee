using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>
/// The dispatcher contract on a synchronization-context dispatcher over a cooperative dispatcher's
/// <see cref="CooperativeDispatcher.SynchronizationContext"/> (actors that run where the cooperative
/// thread's async code runs).
/// </summary>
public sealed class CooperativeContextDispatcherContractTests : SingleThreadDispatcherContract
{
    private const string Id = "coop-context";
    private readonly CooperativeDispatcher _cooperative;

    public CooperativeContextDispatcherContractTests(ITestOutputHelper output)
        : base(output)
    {
        _cooperative = DisposeAfterSystem(new CooperativeDispatcher(NewId("coop-under-context")));
        Sys.Dispatchers.Register(_cooperative);
        Sys.Dispatchers.Register(new SynchronizationContextDispatcher(Id, _cooperative.SynchronizationContext));
    }

    protected override string DispatcherId => Id;

    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = new SynchronizationContextDispatcher(id, _cooperative.SynchronizationContext, throughput);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId) =>
        Assert.Equal(_cooperative.Thread.ManagedThreadId, seen.ManagedThreadId);
}
