using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Liberty.Node.Apps.Schema;

/// <summary>
/// An app's signature: Liberty's <c>.sig</c> JSON (<c>{"Functions":[{"NativeName":..,"Parameters":[..]}]}</c>), which
/// describes the entry functions and their parameters so arguments can be checked before a task starts
/// (docs/app-api.md section 1; the shape and the rules are in this folder's README). Immutable.
/// </summary>
internal sealed partial class AppSignature
{
    private readonly Dictionary<string, SignatureFunction> _byName;

    private AppSignature(IReadOnlyList<SignatureFunction> functions, IReadOnlyList<SignatureNamedType> types, IReadOnlyDictionary<string, SignatureText> texts)
    {
        Functions = functions;
        Types = types;
        Texts = texts;
        _byName = functions.ToDictionary(static f => f.NativeName, StringComparer.Ordinal);
    }

    /// <summary>The functions, in file order.</summary>
    public IReadOnlyList<SignatureFunction> Functions { get; }

    /// <summary>The named types of a Gen-2 signature (<c>"Types"</c>), in file order; empty for Gen 1.</summary>
    public IReadOnlyList<SignatureNamedType> Types { get; }

    /// <summary>The app's own display name and description by locale (top-level <c>Name</c>/<c>Description</c> of its description files).</summary>
    public IReadOnlyDictionary<string, SignatureText> Texts { get; }

    /// <summary>Parses and checks a <c>.sig</c> document without description files (see the other overload).</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="signature">The signature when valid.</param>
    /// <param name="error">What is wrong and where (a path such as <c>Functions[0].Parameters[1].Attributes[0].Value</c>); null when valid.</param>
    /// <returns>True when the document is a valid signature.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out AppSignature? signature, [NotNullWhen(false)] out string? error)
    {
        var ok = TryParse(json, null, out signature, out var detail);
        error = detail is null ? null : StripPrefix(detail.Message);
        return ok;
    }

    /// <summary>
    /// Parses and checks a <c>.sig</c> document and its description files (README: "Signatures", "Description files").
    /// Unknown attributes are kept (they are UI hints in Liberty's files); known attributes are checked whatever the
    /// type they appear on.
    /// </summary>
    /// <param name="json">The <c>.sig</c> text.</param>
    /// <param name="descriptions">The <c>.sigdesc.&lt;locale&gt;</c> texts by locale, or null for none.</param>
    /// <param name="signature">The signature when valid.</param>
    /// <param name="error">What is wrong, with a JSON path into the file it is in; null when valid.</param>
    /// <returns>True when the signature and every description file are valid.</returns>
    public static bool TryParse(string json, IReadOnlyDictionary<string, string>? descriptions, [NotNullWhen(true)] out AppSignature? signature, [NotNullWhen(false)] out SignatureError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        signature = null;
        var texts = new Descriptions();
        if (descriptions is not null)
        {
            foreach (var (locale, text) in descriptions.OrderBy(static d => d.Key, StringComparer.Ordinal))
            {
                if (!Descriptions.IsLocale(locale))
                {
                    error = new SignatureError("$.descriptions", $"descriptions: '{locale}' is not a locale (letters, digits, '-' and '_', at most 16).");
                    return false;
                }
                if (!TryReadJson(text, $"descriptions.{locale}", out var document, out error))
                {
                    return false;
                }
                using (document)
                {
                    try
                    {
                        texts.Read(locale, document.RootElement);
                    }
                    catch (SignatureException e)
                    {
                        error = Error($"descriptions.{locale}", e);
                        return false;
                    }
                }
            }
        }
        if (!TryReadJson(json, "signature", out var sig, out error))
        {
            return false;
        }
        using (sig)
        {
            try
            {
                var parser = new Parser(texts);
                var functions = parser.ParseDocument(sig.RootElement);
                signature = new AppSignature(functions, parser.Types, texts.App);
                error = null;
                return true;
            }
            catch (SignatureException e)
            {
                error = Error(e.Path.StartsWith("descriptions.", StringComparison.Ordinal) ? "" : "signature", e);
                return false;
            }
        }
    }

    private static SignatureError Error(string file, SignatureException e)
    {
        var path = file.Length == 0 ? e.Path : e.Path.Length == 0 ? file : $"{file}.{e.Path}";
        return new SignatureError("$." + path, file.Length == 0 ? e.Message : $"{file}: {e.Message}");
    }

    private static bool TryReadJson(string text, string file, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out SignatureError? error)
    {
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            error = new SignatureError("$." + file, $"{file}: not valid JSON: {e.Message}");
            return false;
        }
    }

    private static string StripPrefix(string message) =>
        message.StartsWith("signature: ", StringComparison.Ordinal) ? message["signature: ".Length..] : message;

    /// <summary>Finds a function by its Lua name (ordinal).</summary>
    /// <param name="name">The function name.</param>
    /// <param name="function">The function when found.</param>
    /// <returns>Whether the signature describes that function.</returns>
    public bool TryGetFunction(string name, [NotNullWhen(true)] out SignatureFunction? function) => _byName.TryGetValue(name, out function);

    /// <summary>
    /// Checks that every function of the signature is an entry the app defines (the loader passes the app's entry names).
    /// </summary>
    /// <param name="entryNames">The app's entry function names.</param>
    /// <param name="error">Which function is missing; null when all are defined.</param>
    /// <returns>True when every signature function is defined by the app.</returns>
    public bool TryCheckEntries(IEnumerable<string> entryNames, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(entryNames);
        var defined = entryNames.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Functions.Count; i++)
        {
            if (!defined.Contains(Functions[i].NativeName))
            {
                error = $"Functions[{i}].NativeName: the app defines no entry function '{Functions[i].NativeName}'.";
                return false;
            }
        }
        error = null;
        return true;
    }
}
