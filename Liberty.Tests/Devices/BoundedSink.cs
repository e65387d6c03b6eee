using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Tests.Devices;

/// <summary>
/// A device event sink with a queue of fixed capacity, like a task thread's event queue: it refuses an event
/// when full and keeps what it accepted, in order, until drained.
/// </summary>
internal sealed class BoundedSink(int capacity) : IDeviceEventSink
{
    private readonly Lock _lock = new();
    private readonly List<DeviceEvent> _queue = [];

    public int Refused { get; private set; }

    public bool TryDeliver(DeviceEvent deviceEvent)
    {
        lock (_lock)
        {
            if (_queue.Count >= capacity)
            {
                Refused++;
                return false;
            }
            _queue.Add(deviceEvent);
            return true;
        }
    }

    /// <summary>Takes every queued event, oldest first, making room again.</summary>
    public IReadOnlyList<DeviceEvent> Drain()
    {
        lock (_lock)
        {
            var events = _queue.ToList();
            _queue.Clear();
            return events;
        }
    }
}
