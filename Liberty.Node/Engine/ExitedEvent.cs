namespace Liberty.Node.Engine;

/// <summary>EXITED (E7): something this thread watches has ended. Delivered exactly once per watch.</summary>
public abstract record ExitedEvent : EngineEvent;
