using System.Text.Json;

namespace Liberty.Node.Management.Contracts;

/// <summary>The body of <c>POST /api/tasks</c>: a task to create and start.</summary>
/// <param name="App">The app.</param>
/// <param name="Function">The app function the task calls (an entry point of the app).</param>
/// <param name="Arguments">Its arguments, a JSON array or object, or null for none. The node also accepts a string holding one.</param>
/// <param name="Name">The task's name, or null for the function's.</param>
internal sealed record StartTaskRequest(string App, string Function, JsonElement? Arguments, string? Name);
