namespace Liberty.Node.Engine;

/// <summary>Ownership of a <see cref="Mutex{T}"/> until disposed (from <see cref="Mutex{T}.Lock"/>).</summary>
/// <typeparam name="T">The protected value.</typeparam>
/// <remarks><b>Thread:</b> the owning task thread. Disposing twice releases once.</remarks>
public sealed class MutexGuard<T> : IDisposable
{
    private Mutex<T>? _mutex;

    internal MutexGuard(Mutex<T> mutex) => _mutex = mutex;

    /// <summary>The protected value.</summary>
    /// <exception cref="ObjectDisposedException">The guard was released.</exception>
    public ref T Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_mutex is null, this);
            return ref _mutex.Value;
        }
    }

    /// <summary>Releases the mutex to the oldest waiter, if any.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _mutex, null)?.Release();
    }
}
