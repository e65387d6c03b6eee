namespace Liberty.Node.Engine;

/// <summary>What a broadcast did (E4).</summary>
/// <param name="Delivered">Subscribers the event was queued for.</param>
/// <param name="Missed">Subscribers whose queue was full (each counted for that receiver).</param>
public readonly record struct BroadcastResult(int Delivered, int Missed);
