namespace Liberty.Benchmarks.Kernel;

/// <summary>Counts started actors down to zero and wakes the benchmark thread (cheaper than CountdownEvent under contention).</summary>
public sealed class ChildCountdown : IDisposable
{
    private readonly ManualResetEventSlim _zero = new();
    private int _left;

    public void Reset(int count)
    {
        _zero.Reset();
        Volatile.Write(ref _left, count);
    }

    public void Signal()
    {
        if (Interlocked.Decrement(ref _left) == 0)
        {
            _zero.Set();
        }
    }

    public void Wait() => _zero.Wait();

    public void Dispose() => _zero.Dispose();
}
