using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// <c>GET /api/devices/events</c>: the devices live, as server-sent events. First <c>devices</c> with every device (the
/// list <c>GET /api/devices</c> answers), then <c>device</c> with a device whose state changed (attributes, ok, last
/// heard) or that appeared, and <c>removed</c> (<c>{"id": N}</c>) for one that went away; a comment line every 15 s
/// while nothing changes keeps idle connections open. The stream looks at the device directory every 250 ms and sends
/// what changed since the last look (each entry's snapshot is replaced, never changed in place, so a changed reference
/// is a change): a chatty device costs at most four events a second per client, and the directory needs no subscriber.
/// </summary>
internal static class DeviceEventsEndpoint
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    public static void Map(WebApplication app, NodeServices node) =>
        app.MapGet("/api/devices/events", (HttpContext context) => StreamAsync(node, context));

    private static async Task StreamAsync(NodeServices node, HttpContext context)
    {
        var response = context.Response;
        using var stream = ServerSentEvents.Start(context);
        var ct = stream.Token;
        var time = node.TaskHost.Time;
        var sent = new Dictionary<long, DeviceSnapshot>();
        try
        {
            var all = node.Directory.All;
            foreach (var entry in all)
            {
                sent[entry.Info.Id.Value] = entry.Snapshot;
            }
            await ServerSentEvents.WriteAsync(response, "devices", all.Select(static e => DeviceView.From(e)), ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            var quietSince = time.GetTimestamp();
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, ct).ConfigureAwait(false);
                var changed = await SendChangesAsync(node.Directory, sent, response, ct).ConfigureAwait(false);
                if (changed)
                {
                    quietSince = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(quietSince) >= KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    quietSince = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client hung up or the node stops.
        }
    }

    private static async Task<bool> SendChangesAsync(DeviceDirectory directory, Dictionary<long, DeviceSnapshot> sent, HttpResponse response, CancellationToken ct)
    {
        var any = false;
        var present = new HashSet<long>();
        foreach (var entry in directory.All)
        {
            var id = entry.Info.Id.Value;
            present.Add(id);
            var snapshot = entry.Snapshot;
            if (!sent.TryGetValue(id, out var last) || !ReferenceEquals(last, snapshot))
            {
                sent[id] = snapshot;
                await ServerSentEvents.WriteAsync(response, "device", DeviceView.From(entry, snapshot), ct).ConfigureAwait(false);
                any = true;
            }
        }
        foreach (var id in sent.Keys.Where(id => !present.Contains(id)).ToList())
        {
            sent.Remove(id);
            await ServerSentEvents.WriteAsync(response, "removed", new DeviceRemovedView(id), ct).ConfigureAwait(false);
            any = true;
        }
        if (any)
        {
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
        return any;
    }

}
