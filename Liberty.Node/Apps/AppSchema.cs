using Liberty.Node.Apps.Schema;

namespace Liberty.Node.Apps;

/// <summary>What the task manager knows of one deployed app version beyond its text: its parsed signature and its entry functions.</summary>
/// <param name="Signature">The parsed <c>.sig</c> (with its description files), or null when the app has none.</param>
/// <param name="Entries">
/// The functions the app defines as entries, sorted: found by running its top level once (<see cref="AppEntries"/>), or,
/// when that needs the task API, the global functions its source declares.
/// </param>
/// <param name="EntriesKnown">Whether <paramref name="Entries"/> came from running the top level (then a start of any other function is refused).</param>
internal sealed record AppSchema(AppSignature? Signature, IReadOnlyList<string> Entries, bool EntriesKnown)
{
    /// <summary>Why a stored signature no longer parses (read back from the store by a stricter build); null normally.</summary>
    public SignatureError? Broken { get; init; }

    /// <summary>The entry functions to show: the signature's when it has one, else the app's own.</summary>
    public IReadOnlyList<string> Functions => Signature is { } signature ? [.. signature.Functions.Select(static f => f.NativeName)] : Entries;

    /// <summary>
    /// Whether <paramref name="function"/> is an entry point: described by the signature when there is one, else defined
    /// by the app (or not known to be missing, when <see cref="Entries"/> is unknown).
    /// </summary>
    /// <param name="function">A Lua name.</param>
    /// <param name="why">Why not, naming the function; null when it is.</param>
    /// <returns>True when a task may start it.</returns>
    public bool IsEntry(string function, out string? why)
    {
        if (Signature is { } signature)
        {
            why = signature.TryGetFunction(function, out _) ? null
                : $"function '{function}' is not an entry point: the app's signature describes {string.Join(", ", signature.Functions.Select(static f => f.NativeName))}";
            return why is null;
        }
        why = !EntriesKnown || Entries.Contains(function, StringComparer.Ordinal) ? null
            : $"function '{function}' is not an entry point: the app defines {(Entries.Count == 0 ? "no entry functions" : string.Join(", ", Entries))}";
        return why is null;
    }
}
