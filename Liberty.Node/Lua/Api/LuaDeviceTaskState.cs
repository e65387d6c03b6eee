using System.Runtime.CompilerServices;
using Akka.Actor;
using Liberty.Devices.Actors;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// One task's device subscriptions and virtual device watchers, released when the task ends
/// (<see cref="LuaRun.OnEnd"/>): bus subscriptions removed, watchers cleared.
/// </summary>
/// <remarks>
/// <b>Thread:</b> the cooperative thread only (API callbacks and the task's end), so no lock.
/// <b>Ordering:</b> a watch replaces nothing: a second thread asking to watch a watched virtual device is refused
/// until the first clears it or ends (app-api section 2: one watcher per virtual device).
/// </remarks>
internal sealed class LuaDeviceTaskState
{
    private static readonly ConditionalWeakTable<LuaRun, LuaDeviceTaskState> States = new();

    private readonly LuaRun _task;
    private readonly HashSet<(long Device, LuaThread Thread)> _subscriptions = [];
    private readonly Dictionary<long, LuaThread> _watchers = [];
    private bool _released;

    private LuaDeviceTaskState(LuaRun task) => _task = task;

    /// <summary>The task's state, created (and its release registered) on first use.</summary>
    public static LuaDeviceTaskState Of(LuaRun task) => States.GetValue(task, static t =>
    {
        var state = new LuaDeviceTaskState(t);
        t.OnEnd(state.Release);
        return state;
    });

    /// <summary>
    /// Subscribes <paramref name="thread"/>'s queue to a device's events (idempotent). Subscriptions of threads of the
    /// task that have ended since are removed first, so the bus does not count deliveries to them as drops.
    /// </summary>
    public void Subscribe(LuaThread thread, long device)
    {
        if (_released || _task.Services.DeviceBus is not { } bus)
        {
            return;
        }
        _subscriptions.RemoveWhere(s =>
        {
            if (!s.Thread.Engine.IsEnded)
            {
                return false;
            }
            bus.Unsubscribe(s.Device, s.Thread.Engine);
            return true;
        });
        if (_subscriptions.Add((device, thread)))
        {
            bus.Subscribe(device, thread.Engine);
        }
    }

    /// <summary>Removes the subscription of <paramref name="thread"/> to a device (no-op when there is none).</summary>
    public void Unsubscribe(LuaThread thread, long device)
    {
        if (_subscriptions.Remove((device, thread)) && _task.Services.DeviceBus is { } bus)
        {
            bus.Unsubscribe(device, thread.Engine);
        }
    }

    /// <summary>Whether <paramref name="thread"/> is subscribed to <paramref name="device"/>.</summary>
    public bool IsSubscribed(LuaThread thread, long device) => _subscriptions.Contains((device, thread));

    /// <summary>
    /// Makes <paramref name="thread"/> the watcher of the task's virtual device <paramref name="entry"/> (the commands and
    /// writes addressed to it go to the thread's queue).
    /// </summary>
    /// <returns>Null on success (also when it already watches), else the id of the live thread that watches it.</returns>
    public long? TryWatch(LuaThread thread, DeviceEntry entry)
    {
        var id = entry.Info.Id.Value;
        if (_watchers.TryGetValue(id, out var current) && !ReferenceEquals(current, thread) && !current.Engine.IsEnded)
        {
            return current.Id;
        }
        if (_released)
        {
            return null;
        }
        _watchers[id] = thread;
        entry.Actor.Tell(new SetVirtualDeviceWatcher(thread.Engine), ActorRefs.NoSender);
        return null;
    }

    /// <summary>Stops <paramref name="thread"/> watching the virtual device (no-op when another thread watches it).</summary>
    public void Unwatch(LuaThread thread, DeviceEntry entry)
    {
        var id = entry.Info.Id.Value;
        if (_watchers.TryGetValue(id, out var current) && ReferenceEquals(current, thread))
        {
            _watchers.Remove(id);
            entry.Actor.Tell(new SetVirtualDeviceWatcher(null), ActorRefs.NoSender);
        }
    }

    private void Release()
    {
        _released = true;
        if (_task.Services.DeviceBus is { } bus)
        {
            foreach (var (device, thread) in _subscriptions)
            {
                bus.Unsubscribe(device, thread.Engine);
            }
        }
        _subscriptions.Clear();
        if (_task.Services.Devices is { } directory)
        {
            foreach (var id in _watchers.Keys)
            {
                if (directory.TryGet(id, out var entry))
                {
                    entry.Actor.Tell(new SetVirtualDeviceWatcher(null), ActorRefs.NoSender);
                }
            }
        }
        _watchers.Clear();
    }
}
