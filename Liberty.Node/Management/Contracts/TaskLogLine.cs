namespace Liberty.Node.Management.Contracts;

/// <summary>One line a task logged (print, Libre_Log ...).</summary>
/// <param name="Sequence">Its position in the task's log, from 1.</param>
/// <param name="Time">When it was written.</param>
/// <param name="Text">The text.</param>
internal sealed record TaskLogLine(long Sequence, DateTimeOffset Time, string Text);
