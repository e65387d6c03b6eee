namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>GET /api/tasks?on=all</c>: every Up member's tasks.</summary>
/// <param name="Tasks">The tasks, this node's first, then the other members' by node name.</param>
/// <param name="Unanswered">The members that did not answer (their tasks are missing).</param>
internal sealed record TasksEverywhereView(IReadOnlyList<NodeTaskView> Tasks, IReadOnlyList<string> Unanswered);
