using Liberty.Devices.Clusters;
using Liberty.Devices.Model;
using Liberty.Tests.Support;

namespace Liberty.Tests.Devices;

/// <summary>
/// Plays the device actor's part for a <see cref="ClusterSet"/>: one timer on virtual time armed at the set's next due
/// time, a tick when it fires, and every report collected.
/// </summary>
internal sealed class ClusterHarness : IDisposable
{
    public const long DeviceId = 42;
    private readonly ITimer _timer;

    public ClusterHarness(ClusterSet set)
    {
        Set = set;
        _timer = Time.CreateTimer(static s => ((ClusterHarness)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Set.Table.TakeChanges();
    }

    public ManualTimeProvider Time { get; } = new();

    public ClusterSet Set { get; }

    public List<DeviceEvent> Reports { get; } = [];

    public CommandResult Execute(int cluster, int command, params AttributeValue[] arguments) =>
        After(Set.Execute(new DeviceCommand(cluster, command, arguments, EventSource.AppEngine), Time.GetUtcNow()));

    public CommandResult Write(int cluster, Dictionary<int, AttributeValue> values) =>
        After(Set.Write(new AttributeWrite(cluster, values, EventSource.AppEngine), Time.GetUtcNow()));

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public long Int(int cluster, int attribute) => Set.Table.GetInt64(cluster, attribute, -1);

    public bool Bool(int cluster, int attribute) => Set.Table.GetBoolean(cluster, attribute);

    public void Dispose() => _timer.Dispose();

    private CommandResult After(CommandResult result)
    {
        Reports.AddRange(Set.TakeReports(DeviceId));
        Rearm();
        return result;
    }

    private void OnTimer()
    {
        Set.Tick(Time.GetUtcNow());
        After(CommandResult.Success);
    }

    private void Rearm()
    {
        var now = Time.GetUtcNow();
        _timer.Change(Set.NextDue is { } due ? (due > now ? due - now : TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
