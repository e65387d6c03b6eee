namespace Liberty.Node.Engine;

/// <summary>A user event posted to the thread (E2), broadcast (E4) or sent synchronously (E3).</summary>
/// <param name="Number">The event number (from <see cref="ITaskContext.TryAllocateEventNumber"/>, or any the apps agree on).</param>
/// <param name="Data">The data, delivered unchanged (the same reference).</param>
/// <param name="From">The posting thread; null when posted from outside any thread.</param>
public sealed record PostedEvent(int Number, object? Data, TaskThread? From) : EngineEvent;
