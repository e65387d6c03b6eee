namespace Liberty.TestKit;

/// <summary>
/// The actor behind <c>TestActor</c> and every probe: queues what it receives for the test, runs the
/// auto-pilot, and watches on request. Runs on the calling-thread dispatcher, so a Tell to it is
/// queued before Tell returns.
/// </summary>
internal sealed class TestActor(MessageQueue queue) : ActorBase
{
    private AutoPilot _autoPilot = AutoPilot.NoAutoPilot;

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand w:
                Context.Watch(w.Subject);
                return true;
            case UnwatchCommand u:
                Context.Unwatch(u.Subject);
                return true;
            case SetAutoPilotCommand s:
                _autoPilot = s.Pilot;
                return true;
            default:
                var sender = Context.Sender.Equals(Context.System.DeadLetters) ? null : Context.Sender;
                if (!ReferenceEquals(_autoPilot, AutoPilot.NoAutoPilot))
                {
                    var next = _autoPilot.Run(sender, message);
                    if (!ReferenceEquals(next, AutoPilot.KeepRunning))
                    {
                        _autoPilot = next;
                    }
                }
                queue.Enqueue(new ReceivedMessage(message, sender));
                return true;
        }
    }

    internal sealed record WatchCommand(IActorRef Subject);

    internal sealed record UnwatchCommand(IActorRef Subject);

    internal sealed record SetAutoPilotCommand(AutoPilot Pilot);
}
