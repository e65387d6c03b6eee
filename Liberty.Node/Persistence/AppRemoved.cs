namespace Liberty.Node.Persistence;

/// <summary>Event: an app and all its versions were removed (manifest "node.AppRemoved").</summary>
/// <param name="Name">The app.</param>
internal sealed record AppRemoved(string Name);
