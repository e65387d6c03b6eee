using Liberty.Actors.Serialization;

namespace Liberty.Node.Cluster;

/// <summary>A task operation for the node that runs (or is to run) the task, forwarded through the cluster.</summary>
/// <param name="Verb">list, show, start, stop, resume, reset, delete or logs.</param>
/// <param name="Id">The task's id (show, stop, resume, reset, delete, logs); 0 otherwise.</param>
/// <param name="App">start: the app.</param>
/// <param name="Function">start: the function.</param>
/// <param name="Arguments">start: the arguments as JSON, or null.</param>
/// <param name="Name">start: the task's name, or null.</param>
/// <param name="Force">delete: even a task whose thread is stuck.</param>
/// <param name="Max">logs: how many recent lines.</param>
[RemoteMessage("task.request")]
public sealed record RemoteTaskRequest(string Verb, long Id = 0, string? App = null, string? Function = null, string? Arguments = null, string? Name = null, bool Force = false, int Max = 0) : IRemoteMessage;
