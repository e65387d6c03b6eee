namespace Liberty.Tests.Persistence;

/// <summary>An event for journal tests (manifest "test.Event").</summary>
public sealed record TestEvent(string Text);
