namespace Liberty.Node.Apps;

/// <summary>The outcome of a <see cref="TaskManager"/> call: the value, or an error message and its kind.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Ok">True when the call succeeded (and its change is stored).</param>
/// <param name="Value">The value when <paramref name="Ok"/>; default otherwise.</param>
/// <param name="Error">What went wrong and where, for people; null when <paramref name="Ok"/>.</param>
/// <param name="Kind">The kind of error; <see cref="TaskManagerErrorKind.None"/> when <paramref name="Ok"/>.</param>
public sealed record TaskManagerResult<T>(bool Ok, T? Value, string? Error, TaskManagerErrorKind Kind)
{
    /// <summary>Where the problem is in the request, as a JSON path (<c>$.signature.Functions[0].NativeName</c>, <c>$.function</c>); null when not known.</summary>
    public string? Path { get; init; }

    /// <summary>A success.</summary>
    internal static TaskManagerResult<T> Success(T value) => new(true, value, null, TaskManagerErrorKind.None);

    /// <summary>A failure: not found.</summary>
    internal static TaskManagerResult<T> NotFound(string error) => new(false, default, error, TaskManagerErrorKind.NotFound);

    /// <summary>A failure: bad input.</summary>
    internal static TaskManagerResult<T> Invalid(string error, string? path = null) => new(false, default, error, TaskManagerErrorKind.Invalid) { Path = path };

    /// <summary>A failure: wrong state.</summary>
    internal static TaskManagerResult<T> Conflict(string error) => new(false, default, error, TaskManagerErrorKind.Conflict);
}
