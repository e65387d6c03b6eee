namespace Liberty.Devices.Model;

/// <summary>A command addressed to a device.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Command">The command id.</param>
/// <param name="Arguments">The arguments in ZCL payload order (Liberty's <c>v</c> array); integral doubles count as integers.</param>
/// <param name="Source">Who sent it; the reports it causes carry the same source.</param>
/// <param name="CorrelationId">The sender's id for this command, echoed when a pending command completes.</param>
public sealed record DeviceCommand(int Cluster, int Command, IReadOnlyList<AttributeValue> Arguments, EventSource Source, long CorrelationId = 0);
