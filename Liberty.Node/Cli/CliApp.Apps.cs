using System.CommandLine;
using System.Text.Json;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cli;

internal sealed partial class CliApp
{
    private Command BuildApp()
    {
        var palette = new Command("app", "Deploy, list and remove apps.");

        var file = new Argument<string>("file") { Description = "The app's Lua file." };
        var schema = new Option<string?>("--schema") { Description = "Its argument schema (.sig JSON file)." };
        var desc = new Option<string[]>("--desc")
        {
            Description = "Description files of the schema (<App>.sigdesc.<locale>; default: those beside the .sig).",
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "The app's name (default: the file name without .lua)." };
        var deploy = new Command("deploy", "Deploy an app (a new version if it exists).") { file, schema, desc, name };
        Client(deploy, async (parse, s, ct) =>
        {
            var path = parse.GetValue(file)!;
            var source = ReadFile(path, "the app");
            var schemaPath = parse.GetValue(schema);
            var signature = schemaPath is null ? null : ReadFile(schemaPath, "--schema");
            var descriptions = ReadDescriptions(parse.GetValue(desc) ?? [], schemaPath);
            var appName = parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(path);
            var answer = await s.PostAsync<AppView>("api/apps", new DeployAppRequest(appName, source, signature, descriptions), ct).ConfigureAwait(false);
            s.Print(answer, a => s.Output.WriteLine($"App {CellText.Of(a.Name)} deployed: version {CellText.Of(a.Version)}, functions {string.Join(", ", a.Functions.Select(CellText.Of))}."));
        });

        var list = new Command("list", "List the deployed apps.");
        Client(list, async (_, s, ct) =>
        {
            var answer = await s.GetAsync<IReadOnlyList<AppView>>("api/apps", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["NAME", "VERSION", "FUNCTIONS", "DEPLOYED (UTC)"],
                [.. a.Select(static x => (IReadOnlyList<string>)[CellText.Of(x.Name), CellText.Of(x.Version), string.Join(",", x.Functions.Select(CellText.Of)), CellText.Time(x.DeployedAt)])]));
        });

        var versionsName = new Argument<string>("name") { Description = "The app." };
        var versions = new Command("versions", "List an app's versions.") { versionsName };
        Client(versions, async (parse, s, ct) =>
        {
            var answer = await s.GetAsync<IReadOnlyList<AppVersionView>>($"api/apps/{Uri.EscapeDataString(parse.GetValue(versionsName)!)}/versions", ct).ConfigureAwait(false);
            s.Print(answer, a => TextTable.Write(s.Output, ["VERSION", "DEPLOYED (UTC)", "SOURCE CHARS"],
                [.. a.Select(static x => (IReadOnlyList<string>)[CellText.Of(x.Version), CellText.Time(x.DeployedAt), CellText.Of(x.SourceLength)])]));
        });

        var removeName = new Argument<string>("name") { Description = "The app." };
        var remove = new Command("remove", "Remove an app.") { removeName };
        Client(remove, async (parse, s, ct) =>
        {
            var appName = parse.GetValue(removeName)!;
            var answer = await s.DeleteAsync<AppRemovedView>($"api/apps/{Uri.EscapeDataString(appName)}", ct).ConfigureAwait(false);
            s.Print(answer, _ => s.Output.WriteLine($"App {appName} removed."));
        });

        palette.Subcommands.Add(deploy);
        palette.Subcommands.Add(list);
        palette.Subcommands.Add(versions);
        palette.Subcommands.Add(remove);
        return palette;
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliFailure(CliExitCodes.Usage, $"{what}: cannot read '{path}': {e.Message}");
        }
    }

    // Locale → text of each description file: the files given, else the <schema-name>.sigdesc.<locale> files beside the schema.
    private static Dictionary<string, string>? ReadDescriptions(string[] files, string? schemaPath)
    {
        if (files.Length == 0 && schemaPath is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(schemaPath))!;
            files = Directory.GetFiles(folder, Path.GetFileNameWithoutExtension(schemaPath) + ".sigdesc.*").Order(StringComparer.Ordinal).ToArray();
        }
        if (files.Length == 0)
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fileName = Path.GetFileName(file);
            var at = fileName.IndexOf(".sigdesc.", StringComparison.Ordinal);
            if (at < 0 || at + ".sigdesc.".Length == fileName.Length)
            {
                throw new CliFailure(CliExitCodes.Usage, $"--desc: '{file}' is not named <App>.sigdesc.<locale> (e.g. Combiner.sigdesc.en).");
            }
            var locale = fileName[(at + ".sigdesc.".Length)..];
            if (!result.TryAdd(locale, ReadFile(file, "--desc")))
            {
                throw new CliFailure(CliExitCodes.Usage, $"--desc: two description files for locale '{locale}'.");
            }
        }
        return result;
    }

    private static JsonElement ParseJsonOption(string? text, string option)
    {
        if (text is null)
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliFailure(CliExitCodes.Usage, $"{option}: '{text}' is not JSON: {e.Message}");
        }
    }
}
