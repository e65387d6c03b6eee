using Liberty.Actors.Serialization;

namespace Liberty.Node.Cluster;

/// <summary>The answer to a <see cref="RemoteTaskRequest"/>: what the target node's API would have answered.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Json">The JSON body (the task, the list, or the <c>{error, detail, path}</c> of a refusal).</param>
[RemoteMessage("task.reply")]
public sealed record RemoteTaskReply(int Status, string Json) : IRemoteMessage;
