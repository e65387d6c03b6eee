namespace Liberty.Devices.Model;

/// <summary>An attribute value with the time it was last reported.</summary>
/// <param name="Value">The value.</param>
/// <param name="ReportedAt">When the report arrived (the owner's <see cref="TimeProvider"/> time).</param>
public readonly record struct ReportedValue(AttributeValue Value, DateTimeOffset ReportedAt);
