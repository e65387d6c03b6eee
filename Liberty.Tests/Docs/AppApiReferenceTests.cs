using System.Text.RegularExpressions;
using Liberty.Node.Lua.Api;

namespace Liberty.Tests.Docs;

/// <summary>
/// Keeps docs/app-api.md and the Lua API in step: every function the node gives Lua apps
/// (<see cref="LuaApiFactory.Shared"/>) is documented, and every function the page names exists.
/// </summary>
public sealed partial class AppApiReferenceTests
{
    private const string LibertyPrefix = "liberty_";

    [GeneratedRegex(@"\b(?:Libre|Libertas)_[A-Za-z]+\b")]
    private static partial Regex LibertyName();

    [GeneratedRegex(@"\bliberty\.([a-z]+)\b")]
    private static partial Regex LibertyTableName();

    private static string Page()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "app-api.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }
        throw new FileNotFoundException($"docs/app-api.md not found above {AppContext.BaseDirectory}");
    }

    // How an app writes the function's primary name: Libre_X as is, liberty_x as liberty.x.
    private static string AsWritten(string name) =>
        name.StartsWith(LibertyPrefix, StringComparison.Ordinal) ? "liberty." + name[LibertyPrefix.Length..] : name;

    [Fact]
    public void Page_EveryApiFunction_IsDocumentedWithItsBacktickedName()
    {
        var page = Page();

        var missing = LuaApiFactory.Shared.Functions
            .Select(f => AsWritten(f.Name))
            .Where(name => !page.Contains("`" + name + "(", StringComparison.Ordinal) && !page.Contains("`" + name + "`", StringComparison.Ordinal))
            .ToArray();

        Assert.True(missing.Length == 0, $"docs/app-api.md does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Page_EveryNamedFunction_Exists()
    {
        var page = Page();
        var api = LuaApiFactory.Shared;

        var unknown = LibertyName().Matches(page).Select(m => m.Value)
            .Where(name => name is not ("Libre_X" or "Libertas_X") && !api.Contains(name))
            .Concat(LibertyTableName().Matches(page).Select(m => m.Groups[1].Value)
                .Where(name => name != "md" && !api.Contains(LibertyPrefix + name))
                .Select(name => "liberty." + name))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        Assert.True(unknown.Length == 0, $"docs/app-api.md names functions the node does not have: {string.Join(", ", unknown)}");
    }
}
