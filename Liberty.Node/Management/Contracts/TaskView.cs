namespace Liberty.Node.Management.Contracts;

/// <summary>A task as the API shows it.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="App">The app it runs.</param>
/// <param name="Function">The app function it called.</param>
/// <param name="State">Running, Stopped, Disabled or Error.</param>
/// <param name="Reason">Why it is in Error (or Stopped/Disabled), or null.</param>
/// <param name="Arguments">Its arguments (a JSON array or object, as given at its start), or null.</param>
/// <param name="Traceback">The Lua traceback of the error when the task is in Error and there is one; null otherwise.</param>
/// <param name="Statistics">The counters of its current or last run; null when the service keeps none.</param>
internal sealed record TaskView(long Id, string Name, string App, string Function, string State, string? Reason, System.Text.Json.JsonElement? Arguments,
    string? Traceback = null, TaskRunStatisticsView? Statistics = null)
{
    /// <summary>Stored arguments text as the JSON value the API shows (text that is not JSON is shown as a JSON string).</summary>
    /// <param name="json">The stored arguments, or null.</param>
    /// <returns>The value, or null.</returns>
    public static System.Text.Json.JsonElement? ParseArguments(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return System.Text.Json.JsonSerializer.SerializeToElement(json);
        }
    }
}
