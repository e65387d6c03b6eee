using Liberty.Actors.Internal;

namespace Liberty.Actors.Supervision;

/// <summary>The directive applies to the failed child only.</summary>
/// <param name="maxNumberOfRetries">Restarts allowed within the window (-1 unlimited, 0 none).</param>
/// <param name="withinTimeRange">The retry window; null for none.</param>
/// <param name="decider">Maps a failure to a directive.</param>
/// <param name="loggingEnabled">Whether failures are logged.</param>
public sealed class OneForOneStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
    : SupervisorStrategy(maxNumberOfRetries, withinTimeRange, decider, loggingEnabled)
{
    /// <summary>Unlimited retries with the given decider.</summary>
    /// <param name="decider">Maps a failure to a directive.</param>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    internal override void Apply(ActorCell parent, InternalActorRef child, Exception cause, Directive directive, ChildRestartStats stats)
    {
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                break;
            case Directive.Restart:
                RestartOrStop(parent, child, cause, stats);
                break;
            case Directive.Stop:
                parent.StopChild(child);
                break;
            default:
                throw new InvalidOperationException("Escalate is handled by the cell.");
        }
    }
}
