using Liberty.Devices.Clusters;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers;

/// <summary>
/// The common part of drivers whose device follows the standard cluster behaviours (simulated and sysfs): start and
/// stop, routing commands and writes into a <see cref="ClusterSet"/>, publishing the changes as reports, liveness.
/// Subclasses add their own scheduled work through <see cref="OwnNextDue"/> / <see cref="OnTick"/> and mirror changes
/// to hardware in <see cref="OnChanged"/>.
/// </summary>
internal abstract class ClusterDeviceDriver : IDeviceDriver
{
    private IDeviceDriverSink? _sink;
    private bool _stopped;

    protected ClusterDeviceDriver(DeviceInfo info, ClusterSet clusters, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(logger);
        Info = info;
        Clusters = clusters;
        Logger = logger;
    }

    public DeviceInfo Info { get; }

    public bool IsOk { get; private set; }

    public DateTimeOffset? NextDue
    {
        get
        {
            if (!IsRunning)
            {
                return null;
            }
            var own = OwnNextDue;
            var clusters = Clusters.NextDue;
            return own is null ? clusters : clusters is null ? own : (own < clusters ? own : clusters);
        }
    }

    protected ClusterSet Clusters { get; }

    protected ILogger Logger { get; }

    protected bool IsRunning => _sink is not null && !_stopped;

    protected IDeviceDriverSink Sink => _sink ?? throw new InvalidOperationException($"Device {Info.Id.Name}: the driver is not started.");

    /// <summary>The subclass's own next due time (polls, samples, pending commands).</summary>
    protected virtual DateTimeOffset? OwnNextDue => null;

    public void Start(IDeviceDriverSink sink, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_sink is not null)
        {
            throw new InvalidOperationException($"Device {Info.Id.Name}: the driver was already started.");
        }
        _sink = sink;
        var (ok, reason) = OnStart(now);
        Clusters.Table.TakeChanges();
        if (ok)
        {
            foreach (var report in Clusters.FullReports(Info.Id.Value, EventSource.Report))
            {
                sink.OnEvent(report);
            }
        }
        IsOk = ok;
        sink.OnLivenessChanged(ok, reason);
        DeviceLog.Started(Logger, Info.Id.Name, Info.Driver, ok);
        if (!ok)
        {
            DeviceLog.Down(Logger, Info.Id.Name, reason);
        }
    }

    public void Shutdown() => _stopped = true;

    public virtual CommandResult Execute(DeviceCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        EnsureRunning();
        var result = Clusters.Execute(command, now);
        Flush(now);
        return result;
    }

    public virtual CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureRunning();
        var result = Clusters.Write(write, now);
        Flush(now);
        return result;
    }

    public IReadOnlyDictionary<AttributeKey, AttributeValue> ReadAttributes() => Clusters.Table.GetAll();

    public virtual void Refresh(DateTimeOffset now)
    {
        EnsureRunning();
        Flush(now);
        if (IsOk)
        {
            foreach (var report in Clusters.FullReports(Info.Id.Value, EventSource.Query))
            {
                Sink.OnEvent(report);
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
        if (!IsRunning)
        {
            return;
        }
        OnTick(now);
        Clusters.Tick(now);
        Flush(now);
    }

    /// <summary>Reads or initialises the device; returns its first liveness verdict.</summary>
    protected abstract (bool Ok, string Reason) OnStart(DateTimeOffset now);

    /// <summary>The subclass's scheduled work at <paramref name="now"/> (before the behaviours tick).</summary>
    protected virtual void OnTick(DateTimeOffset now)
    {
    }

    /// <summary>Called with the changes about to be reported, e.g. to write them to hardware.</summary>
    protected virtual void OnChanged(IReadOnlyList<DeviceEvent> reports, DateTimeOffset now)
    {
    }

    /// <summary>Publishes the recorded changes (after <see cref="OnChanged"/>), when the device is reachable.</summary>
    protected void Flush(DateTimeOffset now)
    {
        if (!Clusters.Table.HasChanges)
        {
            return;
        }
        var reports = Clusters.TakeReports(Info.Id.Value);
        OnChanged(reports, now);
        if (!IsOk)
        {
            return;
        }
        foreach (var report in reports)
        {
            Sink.OnEvent(report);
        }
    }

    /// <summary>Records a liveness verdict; tells the sink and logs only when it changes.</summary>
    protected void SetOk(bool ok, string reason)
    {
        if (ok == IsOk)
        {
            return;
        }
        IsOk = ok;
        DeviceLog.LivenessChanged(Logger, Info.Id.Name, ok, reason);
        Sink.OnLivenessChanged(ok, reason);
        if (ok)
        {
            foreach (var report in Clusters.FullReports(Info.Id.Value, EventSource.Report))
            {
                Sink.OnEvent(report);
            }
        }
    }

    protected void EnsureRunning()
    {
        if (!IsRunning)
        {
            throw new InvalidOperationException($"Device {Info.Id.Name}: the driver is {(_stopped ? "stopped" : "not started")}.");
        }
    }
}
