namespace Liberty.Devices.Actions;

/// <summary>What <see cref="DeviceActions.Trigger"/> did.</summary>
/// <param name="Sent">Commands handed to their device actors (their failures arrive later as <c>ok=false</c> events).</param>
/// <param name="Missing">The declared devices that do not exist now; each got an <c>ok=false</c> command event sent to the reply-to.</param>
public sealed record ActionTriggerResult(int Sent, IReadOnlyList<string> Missing);
