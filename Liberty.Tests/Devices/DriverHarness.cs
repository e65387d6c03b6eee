using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Tests.Support;

namespace Liberty.Tests.Devices;

/// <summary>
/// Plays the device actor's part for a driver: records everything the driver tells its sink and keeps one virtual-time
/// timer armed at the driver's next due time, ticking it when the timer fires.
/// </summary>
internal sealed class DriverHarness : IDeviceDriverSink, IDisposable
{
    private readonly ITimer _timer;

    public DriverHarness(IDeviceDriver driver, ManualTimeProvider? time = null)
    {
        Driver = driver;
        Time = time ?? new ManualTimeProvider();
        _timer = Time.CreateTimer(static s => ((DriverHarness)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public IDeviceDriver Driver { get; }

    public ManualTimeProvider Time { get; }

    public List<DeviceEvent> Events { get; } = [];

    public List<DeviceEvent> OwnerEvents { get; } = [];

    public List<(bool Ok, string Reason)> Liveness { get; } = [];

    public List<(long CorrelationId, CommandResult Result)> Completions { get; } = [];

    public List<DateTimeOffset> TickTimes { get; } = [];

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Start() => After(() => Driver.Start(this, Now));

    public CommandResult Execute(int cluster, int command, params AttributeValue[] arguments) =>
        Execute(new DeviceCommand(cluster, command, arguments, EventSource.AppEngine, CorrelationId: 7));

    public CommandResult Execute(DeviceCommand command) => After(() => Driver.Execute(command, Now));

    public CommandResult Write(int cluster, Dictionary<int, AttributeValue> values) =>
        After(() => Driver.WriteAttributes(new AttributeWrite(cluster, values, EventSource.AppEngine, CorrelationId: 8), Now));

    public void Refresh() => After(() => Driver.Refresh(Now));

    public void After(Action action) => After(() =>
    {
        action();
        return 0;
    });

    public T After<T>(Func<T> action)
    {
        var result = action();
        Rearm();
        return result;
    }

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public IEnumerable<DeviceEvent> Reports(int cluster) => Events.Where(e => e.Type == EventType.AttributeReport && e.Cluster == cluster);

    public void OnEvent(DeviceEvent deviceEvent) => Events.Add(deviceEvent);

    public void OnOwnerEvent(DeviceEvent deviceEvent) => OwnerEvents.Add(deviceEvent);

    public void OnLivenessChanged(bool ok, string reason) => Liveness.Add((ok, reason));

    public void OnCommandCompleted(long correlationId, CommandResult result) => Completions.Add((correlationId, result));

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        TickTimes.Add(Now);
        Driver.Tick(Now);
        Rearm();
    }

    public void Rearm()
    {
        var now = Now;
        _timer.Change(Driver.NextDue is { } due ? (due > now ? due - now : TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
