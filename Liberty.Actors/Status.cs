namespace Liberty.Actors;

/// <summary>Conventional replies for request/response: <see cref="Success"/> and <see cref="Failure"/>.</summary>
public static class Status
{
    /// <summary>A successful outcome carrying an optional value.</summary>
    /// <param name="Value">The result.</param>
    public sealed record Success(object? Value);

    /// <summary>A failed outcome. <c>Ask</c> turns it into a faulted task.</summary>
    /// <param name="Cause">The exception.</param>
    /// <param name="State">Optional state of the replier.</param>
    public sealed record Failure(Exception Cause, object? State = null);
}
