namespace Liberty.Node.Hosting;

/// <summary>
/// The node's floor for the .NET thread pool. Every timer of the node (task waits, the watchdog, Akka's
/// scheduler) completes on a pool thread; the pool's default floor is one worker per core, and on a 2-core
/// gateway two pool threads blocked in synchronous waits (a library's, a driver's) were enough to hold every
/// timer back by half a second until the pool's starvation check added a thread. A floor of
/// <see cref="MinimumWorkers"/> keeps timers on time at the cost of a few idle threads.
/// </summary>
internal static class NodeThreadPool
{
    /// <summary>The lowest number of worker threads the pool keeps ready.</summary>
    public const int MinimumWorkers = 16;

    /// <summary>Raises the pool's minimum worker count to <see cref="MinimumWorkers"/> (never lowers it).</summary>
    public static void RaiseFloor()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkers)
        {
            ThreadPool.SetMinThreads(MinimumWorkers, io);
        }
    }
}
