namespace Liberty.Node.Apps;

/// <summary>The bound arguments of one task run (<see cref="SchemaArgumentBinder"/>).</summary>
/// <param name="Error">Null on success; otherwise what is wrong, naming the parameter.</param>
/// <param name="Values">The entry's arguments as plain .NET values.</param>
/// <param name="Cleanup">Undoes what binding created (virtual devices); run once when the run ends. Null: nothing to undo.</param>
internal sealed record TaskArguments(string? Error, IReadOnlyList<object?> Values, Func<ValueTask>? Cleanup)
{
    /// <summary>Where the error is in a start request: <c>$.arguments</c>, or <c>$.function</c> for the function itself.</summary>
    public string ErrorPath { get; init; } = "$.arguments";

    /// <summary>A failure.</summary>
    public static TaskArguments Failed(string error, string path = "$.arguments") => new(error, [], null) { ErrorPath = path };
}
