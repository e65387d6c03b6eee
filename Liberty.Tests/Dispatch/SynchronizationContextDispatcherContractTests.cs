using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>The dispatcher contract on a synchronization-context dispatcher over a single-thread context (a UI thread's stand-in).</summary>
public sealed class SynchronizationContextDispatcherContractTests : SingleThreadDispatcherContract
{
    private const string Id = "ui";
    private readonly SingleThreadSynchronizationContext _context;

    public SynchronizationContextDispatcherContractTests(ITestOutputHelper output)
        : base(output)
    {
        _context = DisposeAfterSystem(new SingleThreadSynchronizationContext("test-ui-thread"));
        Sys.Dispatchers.Register(new SynchronizationContextDispatcher(Id, _context));
    }

    protected override string DispatcherId => Id;

    protected override MessageDispatcher CreateDispatcher(string id, int throughput)
    {
        var dispatcher = new SynchronizationContextDispatcher(id, _context, throughput);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    protected override void AssertDispatcherThread(HandlerThread seen, int testThreadId) =>
        Assert.Equal(_context.Thread.ManagedThreadId, seen.ManagedThreadId);
}
