using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Tests.Cluster;

/// <summary>A subscriber that keeps every event it is given, readable from any thread.</summary>
internal sealed class RecordingSink : IDeviceEventSink
{
    private readonly Lock _lock = new();
    private readonly List<DeviceEvent> _events = [];

    public IReadOnlyList<DeviceEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public bool TryDeliver(DeviceEvent deviceEvent)
    {
        lock (_lock)
        {
            _events.Add(deviceEvent);
        }
        return true;
    }

    public IReadOnlyList<DeviceEvent> Of(long deviceId) => [.. Events.Where(e => e.Id == deviceId)];
}
