namespace Liberty.Node.Cluster;

/// <summary>
/// What <see cref="RemoteDevices"/> counted, readable from any thread (specs and diagnostics): events that arrived from
/// owners, those not delivered, and the liveness announcements made here.
/// </summary>
internal sealed class ClusterDeviceCounters
{
    private long _received;
    private long _ignored;
    private long _announcedLost;
    private long _announcedBack;

    /// <summary>Events that arrived from owners.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Events that arrived but were not delivered (no local interest, or the owner's node considered gone).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Devices announced ok=false here (their node became unreachable or was downed).</summary>
    public long AnnouncedLost => Interlocked.Read(ref _announcedLost);

    /// <summary>Devices announced ok=true here (their node came back and the fresh state was ok).</summary>
    public long AnnouncedBack => Interlocked.Read(ref _announcedBack);

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountIgnored() => Interlocked.Increment(ref _ignored);

    internal void CountAnnounced(bool ok) => Interlocked.Increment(ref ok ? ref _announcedBack : ref _announcedLost);
}
