namespace Liberty.Node.Persistence;

/// <summary>The outcome of an append.</summary>
/// <param name="Status">Stored or Conflict.</param>
/// <param name="HighestSequenceNr">Stored: the last event's number. Conflict: the entity's highest stored number at the time of the check.</param>
internal readonly record struct AppendResult(AppendStatus Status, long HighestSequenceNr)
{
    /// <summary>Whether the events are stored.</summary>
    public bool IsStored => Status == AppendStatus.Stored;
}
