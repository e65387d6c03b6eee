namespace Liberty.Node.Management.Contracts;

/// <summary>The cooperative executor's counters in the node's status (<c>GET /api/node</c> under <c>dispatcher</c>).</summary>
/// <param name="Slices">Slices run since start.</param>
/// <param name="BusySeconds">Time the task thread was busy, in seconds.</param>
/// <param name="Utilisation">The busy ratio of the task thread since start (0..1).</param>
/// <param name="LongestSliceMs">The longest slice, in milliseconds.</param>
/// <param name="Ready">Slices waiting to run now.</param>
/// <param name="HandOffs">Slices handed off to a thread of their own since start.</param>
/// <param name="StuckThreads">Threads a hand-off left running now.</param>
/// <param name="Stuck">Those slices: which task, since when (as in <c>GET /health</c>).</param>
internal sealed record NodeDispatcherView(long Slices, double BusySeconds, double Utilisation, double LongestSliceMs, int Ready, long HandOffs, int StuckThreads, IReadOnlyList<StuckSlice> Stuck);
