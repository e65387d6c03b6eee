using System.Collections.Concurrent;
using Akka.Actor;

namespace Liberty.Node.Cluster;

/// <summary>
/// The owner's side of interest routing: for each local device, the other nodes (their <see cref="RemoteDevices"/>
/// actors) that watch it. The <see cref="DeviceGateway"/> writes it; <see cref="ClusterDeviceUplink"/> reads it on every
/// publish, so a device nobody else watches costs one dictionary lookup and no message.
/// </summary>
/// <remarks>
/// <b>Thread:</b> any. Lists are copy-on-write arrays, replaced under a lock by writers and read lock-free.
/// </remarks>
internal sealed class RemoteSubscribers
{
    private readonly ConcurrentDictionary<long, IActorRef[]> _byDevice = new();
    private readonly Lock _lock = new();
    private long _sent;

    /// <summary>Remote events sent so far (event × watching node).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The nodes watching a device.</summary>
    /// <param name="deviceId">The device.</param>
    /// <returns>Their actors; empty when none.</returns>
    public IActorRef[] Of(long deviceId) => _byDevice.TryGetValue(deviceId, out var list) ? list : [];

    /// <summary>The devices at least one other node watches.</summary>
    /// <returns>Their ids.</returns>
    public IReadOnlyList<long> WatchedDevices() => [.. _byDevice.Keys];

    /// <summary>Adds a watcher.</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="watcher">The watching node's actor.</param>
    /// <returns>False when it already watched.</returns>
    public bool Add(long deviceId, IActorRef watcher)
    {
        lock (_lock)
        {
            var current = Of(deviceId);
            if (Array.IndexOf(current, watcher) >= 0)
            {
                return false;
            }
            _byDevice[deviceId] = [.. current, watcher];
            return true;
        }
    }

    /// <summary>Removes a watcher of one device.</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="watcher">The watching node's actor.</param>
    /// <returns>Whether it watched.</returns>
    public bool Remove(long deviceId, IActorRef watcher)
    {
        lock (_lock)
        {
            var current = Of(deviceId);
            if (Array.IndexOf(current, watcher) < 0)
            {
                return false;
            }
            var next = Array.FindAll(current, w => !w.Equals(watcher));
            if (next.Length == 0)
            {
                _byDevice.TryRemove(deviceId, out _);
            }
            else
            {
                _byDevice[deviceId] = next;
            }
            return true;
        }
    }

    /// <summary>Whether a watcher still watches any device.</summary>
    /// <param name="watcher">The watching node's actor.</param>
    /// <returns>True when it does.</returns>
    public bool Watches(IActorRef watcher) => _byDevice.Values.Any(list => Array.IndexOf(list, watcher) >= 0);

    /// <summary>Removes a watcher from every device (its node is gone).</summary>
    /// <param name="watcher">The watching node's actor.</param>
    public void RemoveAll(IActorRef watcher)
    {
        foreach (var deviceId in _byDevice.Keys)
        {
            Remove(deviceId, watcher);
        }
    }

    /// <summary>Counts sent events.</summary>
    /// <param name="count">How many were sent.</param>
    public void CountSent(int count) => Interlocked.Add(ref _sent, count);
}
