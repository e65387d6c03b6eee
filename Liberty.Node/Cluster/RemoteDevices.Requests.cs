using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>Requests to remote devices: commands, writes and queries sent to a <see cref="RemoteDeviceRef"/>.</summary>
internal sealed partial class RemoteDevices
{
    private readonly long _incarnation;
    private readonly Dictionary<long, PendingRequest> _pending = [];
    private long _sequence;

    private void OnDeviceMessage(RemoteDeviceMessage message)
    {
        var sender = Sender;
        var deviceId = message.DeviceId;
        _views.TryGetValue(deviceId, out var view);
        switch (message.Message)
        {
            case SendDeviceCommand send:
                Request(view, deviceId, RemoteRequestKind.Command, send.Command, null, send.ReplyWithResult, sender);
                break;
            case WriteDeviceAttributes write:
                Request(view, deviceId, RemoteRequestKind.Write, null, write.Write, write.ReplyWithResult, sender);
                break;
            case QueryDevice:
                Request(view, deviceId, RemoteRequestKind.Query, null, null, true, sender);
                break;
            case GetDeviceSnapshot when view is { Interested: true, Primed: true } && Available(view.Record.Node):
                // Watched and fresh: the cache here is the owner's state.
                sender.Tell(view.Entry.Snapshot, view.Entry.Actor);
                break;
            case GetDeviceSnapshot:
                Request(view, deviceId, RemoteRequestKind.Snapshot, null, null, true, sender);
                break;
            case VirtualDeviceEmitCommand or VirtualDeviceReport or VirtualDeviceDown:
                if (!IsNobody(sender))
                {
                    var node = view?.Record.Node ?? "another node";
                    sender.Tell(new DeviceCommandResult(deviceId, CommandResult.Fail(CommandStatus.UnsupportedCommand, $"Virtual device {deviceId} belongs to a task on {node}; only that task drives it.")));
                }
                break;
            case SetVirtualDeviceWatcher:
                // Only the owning task (on the owner's node) watches a virtual device.
                break;
            default:
                Unhandled(message.Message);
                break;
        }
    }

    private void Request(RemoteDeviceView? view, long deviceId, RemoteRequestKind kind, DeviceCommand? command, AttributeWrite? write, bool replyWithResult, IActorRef replyTo)
    {
        var id = new RemoteRequestId(_node, _incarnation, ++_sequence);
        var pending = new PendingRequest(id, deviceId, view?.Record.Node ?? "", kind, command, write, replyWithResult, replyTo);
        if (view is null)
        {
            Answer(pending, CommandResult.Fail(CommandStatus.Unreachable, $"Device {deviceId} is not in the fleet directory any more."));
            return;
        }
        if (!Available(pending.Node))
        {
            var why = !_members.TryGetValue(pending.Node, out var member) ? "is not a member of the cluster"
                : member.Leaving ? "has left the cluster"
                : member.Status is Akka.Cluster.MemberStatus.Down or Akka.Cluster.MemberStatus.Removed ? "was downed and is no longer a member"
                : !member.Reachable ? "is unreachable"
                : "is not Up yet";
            Answer(pending, CommandResult.Fail(CommandStatus.Unreachable, $"Node {pending.Node} {why}; {view.Record.Name} cannot be reached."));
            return;
        }
        pending = pending with { Target = _members[pending.Node].Address.Uid };
        _pending[id.Sequence] = pending;
        Send(pending);
        Timers.StartSingleTimer(("request", id.Sequence), new RequestTimedOut(id.Sequence), _options.CommandTimeout);
    }

    private void Send(PendingRequest pending) =>
        Gateway(pending.Node).Tell(new RemoteDeviceRequest(pending.Id, pending.DeviceId, pending.Kind, pending.Command, pending.Write, pending.Target));

    private void ResendAll()
    {
        foreach (var pending in _pending.Values.ToList())
        {
            if (!Available(pending.Node))
            {
                continue;
            }
            if (_members[pending.Node].Address.Uid != pending.Target)
            {
                // The owner restarted: the new run would refuse it anyway.
                _pending.Remove(pending.Id.Sequence);
                Timers.Cancel(("request", pending.Id.Sequence));
                Answer(pending, CommandResult.Fail(CommandStatus.Unreachable, $"Node {pending.Node} restarted before it answered; the request may or may not have run there."));
                continue;
            }
            Send(pending);
        }
        foreach (var view in _views.Values)
        {
            if (view is { Interested: true, Primed: false })
            {
                SendWatch(view);
            }
        }
    }

    private void OnReply(RemoteDeviceReply reply)
    {
        if (!_pending.TryGetValue(reply.Id.Sequence, out var pending) || pending.Id != reply.Id)
        {
            // A repeat's answer, or one that came after the request failed here: already answered.
            return;
        }
        _pending.Remove(reply.Id.Sequence);
        Timers.Cancel(("request", reply.Id.Sequence));
        if (pending.Kind is RemoteRequestKind.Query or RemoteRequestKind.Snapshot && reply.Snapshot is { } snapshot)
        {
            pending.ReplyTo.Tell(snapshot, DeviceActorOf(pending.DeviceId));
            return;
        }
        Answer(pending, reply.Result ?? CommandResult.Fail(CommandStatus.Failed, "The owner answered without a result."));
    }

    private void OnRequestTimedOut(RequestTimedOut timedOut)
    {
        if (_pending.Remove(timedOut.Sequence, out var pending))
        {
            Answer(pending, CommandResult.Fail(CommandStatus.Timeout, $"Node {pending.Node} did not answer within {_options.CommandTimeout.TotalSeconds:0.#} s; the request may or may not have run."));
        }
    }

    /// <summary>Fails every request waiting for <paramref name="node"/>.</summary>
    /// <returns>How many.</returns>
    private int FailPendingTo(string node, string message)
    {
        var failed = _pending.Values.Where(p => p.Node == node).ToList();
        foreach (var pending in failed)
        {
            _pending.Remove(pending.Id.Sequence);
            Timers.Cancel(("request", pending.Id.Sequence));
            Answer(pending, CommandResult.Fail(CommandStatus.Unreachable, message));
        }
        return failed.Count;
    }

    /// <summary>
    /// Answers the sender as a local device actor would: a query gets the snapshot this node has (not ok when its node is
    /// away); a command or write gets a <see cref="DeviceCommandResult"/> (Ask callers) or, on failure only, an
    /// <c>ok=false</c> event (task threads).
    /// </summary>
    private void Answer(PendingRequest pending, CommandResult result)
    {
        if (IsNobody(pending.ReplyTo))
        {
            return;
        }
        var device = DeviceActorOf(pending.DeviceId);
        if (pending.Kind is RemoteRequestKind.Query or RemoteRequestKind.Snapshot)
        {
            if (_views.TryGetValue(pending.DeviceId, out var view))
            {
                pending.ReplyTo.Tell(view.Entry.Snapshot, device);
            }
            else
            {
                pending.ReplyTo.Tell(new Status.Failure(new InvalidOperationException(result.Message)), device);
            }
            return;
        }
        if (pending.ReplyWithResult)
        {
            pending.ReplyTo.Tell(new DeviceCommandResult(pending.DeviceId, result), device);
        }
        else if (result.IsFailure)
        {
            var failed = pending.Command is { } command
                ? DeviceEvent.ForCommand(pending.DeviceId, command.Cluster, command.Command, command.Arguments, command.Source, ok: false)
                : DeviceEvent.ForReport(pending.DeviceId, pending.Write?.Cluster ?? 0, new Dictionary<int, AttributeValue>(), null, pending.Write?.Source ?? EventSource.None, ok: false);
            pending.ReplyTo.Tell(failed, device);
        }
    }

    private IActorRef DeviceActorOf(long deviceId) => _views.TryGetValue(deviceId, out var view) ? view.Entry.Actor : Self;

    private static bool IsNobody(IActorRef actor) => actor.IsNobody() || actor.Equals(Context.System.DeadLetters);

    /// <summary>A request sent to an owner and not answered yet.</summary>
    private sealed record PendingRequest(RemoteRequestId Id, long DeviceId, string Node, RemoteRequestKind Kind, DeviceCommand? Command, AttributeWrite? Write, bool ReplyWithResult, IActorRef ReplyTo)
    {
        /// <summary>The owner's incarnation when the request was first sent (see <see cref="RemoteDeviceRequest.Target"/>).</summary>
        public long Target { get; init; }
    }

    private sealed record RequestTimedOut(long Sequence);
}
