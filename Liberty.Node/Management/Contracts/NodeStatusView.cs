namespace Liberty.Node.Management.Contracts;

/// <summary>The node's status and statistics (<c>GET /api/node</c>, <c>node status</c>).</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Version">The product version it runs.</param>
/// <param name="Runtime">The .NET runtime's description.</param>
/// <param name="Os">The operating system's description.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="Uptime">How long it has run, as <c>hh:mm:ss</c> (<c>d.hh:mm:ss</c> from a day on).</param>
/// <param name="UptimeSeconds">How long it has run, in seconds.</param>
/// <param name="Tasks">Its tasks by state and the task manager's counters.</param>
/// <param name="Apps">How many apps are deployed.</param>
/// <param name="Devices">Its devices and the fleet's.</param>
/// <param name="Events">The device event bus's counters.</param>
/// <param name="Dispatcher">The cooperative executor's counters.</param>
/// <param name="Cluster">The cluster as this node sees it.</param>
/// <param name="Memory">The process's memory and the GC's counts.</param>
/// <param name="TimeZone">The node's local time zone id (<c>Europe/Berlin</c>, <c>UTC</c>).</param>
/// <param name="UtcOffsetMinutes">The local time zone's offset from UTC now, in minutes (120 for UTC+2).</param>
internal sealed record NodeStatusView(
    string Node,
    string Version,
    string Runtime,
    string Os,
    DateTimeOffset StartedAt,
    string Uptime,
    double UptimeSeconds,
    NodeTasksView Tasks,
    int Apps,
    NodeDevicesView Devices,
    NodeEventsView Events,
    NodeDispatcherView Dispatcher,
    ClusterStateView Cluster,
    NodeMemoryView Memory,
    string TimeZone,
    int UtcOffsetMinutes);
