using System.Runtime.CompilerServices;
using Liberty.Node.Hosting;

namespace Liberty.Tests.Support;

/// <summary>
/// The test host blocks thread-pool threads of its own (xunit's and the test platform's loops). With the pool's
/// default floor of one worker per core, that starves timer callbacks for half a second whenever the pool's
/// hill climbing lowers its goal: the floor the node sets for itself applies to the specs too.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise() => NodeThreadPool.RaiseFloor();
}
