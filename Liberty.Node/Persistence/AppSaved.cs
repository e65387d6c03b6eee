using Liberty.Node.Engine;

namespace Liberty.Node.Persistence;

/// <summary>Event: a version of an app was deployed (manifest "node.AppSaved").</summary>
/// <param name="App">The version.</param>
internal sealed record AppSaved(AppRecord App);
