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

    private AppSignature(IReadOnlyList<SignatureFunction> functions)
    {
        Functions = functions;
        _byName = functions.ToDictionary(static f => f.NativeName, StringComparer.Ordinal);
    }

    /// <summary>The functions, in file order.</summary>
    public IReadOnlyList<SignatureFunction> Functions { get; }

    /// <summary>
    /// Parses and checks a <c>.sig</c> document. Unknown attributes are kept (they are UI hints in Liberty's files);
    /// known attributes are checked whatever the type they appear on.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="signature">The signature when valid.</param>
    /// <param name="error">What is wrong and where (a JSON path such as <c>Functions[0].Parameters[1].Attributes[0].Value</c>); null when valid.</param>
    /// <returns>True when the document is a valid signature.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out AppSignature? signature, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        signature = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            error = $"Signature is not valid JSON: {e.Message}";
            return false;
        }
        using (document)
        {
            try
            {
                signature = new AppSignature(ParseDocument(document.RootElement));
                error = null;
                return true;
            }
            catch (SignatureException e)
            {
                error = e.Message;
                return false;
            }
        }
    }

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
