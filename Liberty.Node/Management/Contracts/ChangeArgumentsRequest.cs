using System.Text.Json;

namespace Liberty.Node.Management.Contracts;

/// <summary>The body of <c>PUT /api/tasks/{id}</c>: new arguments for a task, which then starts afresh with them.</summary>
/// <param name="Arguments">The arguments, a JSON array or object, or null for none. The node also accepts a string holding one.</param>
internal sealed record ChangeArgumentsRequest(JsonElement? Arguments);
