namespace Liberty.Node.Management;

/// <summary>The outcome of a task-service call: a value, or an error with its kind and a message for people.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value when <see cref="Ok"/>.</param>
/// <param name="Kind">The failure's kind; <see cref="ServiceErrorKind.None"/> on success.</param>
/// <param name="Error">What went wrong and where, when failed.</param>
internal readonly record struct ServiceResult<T>(T? Value, ServiceErrorKind Kind, string? Error)
{
    /// <summary>Where the problem is in the request (a JSON path such as <c>$.signature.Functions[0]</c>), when known.</summary>
    public string? Path { get; init; }

    /// <summary>True on success.</summary>
    public bool Ok => Kind == ServiceErrorKind.None;

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static ServiceResult<T> Success(T value) => new(value, ServiceErrorKind.None, null);

    /// <summary>A failure.</summary>
    /// <param name="kind">Its kind.</param>
    /// <param name="error">The message.</param>
    /// <returns>The result.</returns>
    public static ServiceResult<T> Fail(ServiceErrorKind kind, string error) => new(default, kind, error);
}
