namespace Liberty.Tests.Dispatch;

/// <summary>
/// A minimal single-thread <see cref="SynchronizationContext"/> (a UI-thread stand-in): posted callbacks
/// run one at a time, in post order, on one dedicated thread. Posts after <see cref="Dispose"/> are dropped.
/// </summary>
internal sealed class SingleThreadSynchronizationContext : SynchronizationContext, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private bool _completed;

    public SingleThreadSynchronizationContext(string name)
    {
        Thread = new Thread(Loop) { IsBackground = true, Name = name };
        Thread.Start();
    }

    public Thread Thread { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _queue.Enqueue((d, state));
        }
        _available.Release();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("The test context only supports Post.");

    public override SynchronizationContext CreateCopy() => this;

    public void Dispose()
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
        }
        _available.Release();
        Thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Loop()
    {
        SetSynchronizationContext(this);
        while (true)
        {
            _available.Wait();
            (SendOrPostCallback Callback, object? State) item;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out item))
                {
                    // Only Dispose releases without an item.
                    return;
                }
            }
            item.Callback(item.State);
        }
    }
}
