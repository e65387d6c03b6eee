namespace Liberty.Devices.Drivers;

/// <summary>
/// A driver that hears from its device on its own, through a connection another part of the node owns (MQTT): that
/// part hands what it heard to the device actor (<see cref="Actors.DeliverToDriver"/>), which passes it in here on its
/// own thread, so the driver stays single-owner like every other.
/// </summary>
/// <remarks>
/// <b>Thread:</b> the owner's, like every driver call. <b>Cancellation:</b> not applicable; short and non-blocking.
/// <b>Ordering:</b> inputs arrive in the order they were delivered to the actor.
/// </remarks>
internal interface IDeviceDriverInput
{
    /// <summary>Takes one input (a message, a connection change); reports through the sink as any call does.</summary>
    /// <param name="input">What was heard; a driver ignores what it does not know.</param>
    /// <param name="now">The owner's current time.</param>
    void OnInput(object input, DateTimeOffset now);
}
