namespace Liberty.Node.Management.Contracts;

/// <summary>The process's memory in the node's status (<c>GET /api/node</c> under <c>memory</c>).</summary>
/// <param name="WorkingSetBytes">The working set.</param>
/// <param name="PrivateBytes">The private bytes.</param>
/// <param name="ManagedHeapBytes">Bytes the managed heap holds (allocated, not collected).</param>
/// <param name="GcHeapSizeBytes">The GC heap's size at the last collection.</param>
/// <param name="Gen0Collections">Generation 0 collections since start.</param>
/// <param name="Gen1Collections">Generation 1 collections since start.</param>
/// <param name="Gen2Collections">Generation 2 collections since start.</param>
internal sealed record NodeMemoryView(long WorkingSetBytes, long PrivateBytes, long ManagedHeapBytes, long GcHeapSizeBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections);
