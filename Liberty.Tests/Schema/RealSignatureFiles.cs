namespace Liberty.Tests.Schema;

/// <summary>The real-format signature and description files under Schema/Signatures (copied beside the tests).</summary>
internal static class RealSignatureFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Schema", "Signatures");

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>The <c>&lt;app&gt;.sigdesc.&lt;locale&gt;</c> files of an app, by locale.</summary>
    public static Dictionary<string, string> Descriptions(string app) =>
        Directory.GetFiles(Folder, app + ".sigdesc.*").ToDictionary(f => Path.GetFileName(f)[(app.Length + ".sigdesc.".Length)..], File.ReadAllText, StringComparer.Ordinal);
}
