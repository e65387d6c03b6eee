using System.Collections.Immutable;
using Liberty.Node.Engine;

namespace Liberty.Node.Persistence;

/// <summary>The node's apps: every version of every app, oldest first (snapshot manifest "node.AppsState").</summary>
/// <param name="Apps">Versions by app name.</param>
internal sealed record AppsState(ImmutableDictionary<string, ImmutableList<AppRecord>> Apps) : IEventSourced<AppsState>
{
    /// <summary>No apps.</summary>
    public static AppsState Empty { get; } = new(ImmutableDictionary<string, ImmutableList<AppRecord>>.Empty.WithComparers(StringComparer.Ordinal));

    /// <inheritdoc />
    public AppsState Apply(object @event) => @event switch
    {
        AppSaved saved => this with { Apps = Apps.SetItem(saved.App.Name, AddVersion(Apps.GetValueOrDefault(saved.App.Name) ?? [], saved.App)) },
        AppRemoved removed => this with { Apps = Apps.Remove(removed.Name) },
        AppsState imported => imported,
        _ => this,
    };

    private static ImmutableList<AppRecord> AddVersion(ImmutableList<AppRecord> versions, AppRecord app)
    {
        // A version stored again replaces itself; versions stay in ascending order.
        var index = versions.FindIndex(v => v.Version == app.Version);
        if (index >= 0)
        {
            return versions.SetItem(index, app);
        }
        var at = versions.FindIndex(v => v.Version > app.Version);
        return at < 0 ? versions.Add(app) : versions.Insert(at, app);
    }
}
