namespace Liberty.Devices.Model;

/// <summary>An attribute value with the time it was last reported.</summary>
/// <param name="Value">The value.</param>
/// <param name="ReportedAt">When the report arrived (the owner's <see cref="TimeProvider"/> time).</param>
/// <param name="Restored">True for a last-known value restored at start (<see cref="DeviceState.Restore"/>) that the device has not reported since.</param>
public readonly record struct ReportedValue(AttributeValue Value, DateTimeOffset ReportedAt, bool Restored = false);
