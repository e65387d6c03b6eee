namespace Liberty.Devices.Model;

/// <summary>
/// Content equality for the collections inside model records, so a record equals its copy after a trip through JSON
/// (which reads interface collections back as new lists and dictionaries).
/// </summary>
internal static class StructuralEquality
{
    /// <summary>Same elements in the same order (both null counts as equal).</summary>
    public static bool Lists<T>(IReadOnlyList<T>? x, IReadOnlyList<T>? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

    /// <summary>Same keys with equal values, in any order (both null counts as equal).</summary>
    public static bool Maps<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? x, IReadOnlyDictionary<TKey, TValue>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }
        var comparer = EqualityComparer<TValue>.Default;
        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !comparer.Equals(value, other))
            {
                return false;
            }
        }
        return true;
    }
}
