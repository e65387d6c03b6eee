namespace Liberty.Node.Management.Contracts;

/// <summary>One actor of the hierarchy walk.</summary>
/// <param name="Path">Its path.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its actor class, when known.</param>
/// <param name="Dispatcher">Its dispatcher id, when known.</param>
/// <param name="ChildCount">How many children it has (also when not expanded).</param>
/// <param name="Children">Its children down to the requested depth; null beyond it.</param>
internal sealed record ActorNode(string Path, string Name, string? Type, string? Dispatcher, int ChildCount, IReadOnlyList<ActorNode>? Children);
