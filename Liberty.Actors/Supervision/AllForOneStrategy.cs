using Liberty.Actors.Internal;

namespace Liberty.Actors.Supervision;

/// <summary>
/// The directive applies to every child of the supervisor (for children that only make sense
/// together). Resume resumes only the failed child, as in Akka.
/// </summary>
/// <param name="maxNumberOfRetries">Restarts allowed within the window (-1 unlimited, 0 none).</param>
/// <param name="withinTimeRange">The retry window; null for none.</param>
/// <param name="decider">Maps a failure to a directive.</param>
/// <param name="loggingEnabled">Whether failures are logged.</param>
public sealed class AllForOneStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
    : SupervisorStrategy(maxNumberOfRetries, withinTimeRange, decider, loggingEnabled)
{
    /// <summary>Unlimited retries with the given decider.</summary>
    /// <param name="decider">Maps a failure to a directive.</param>
    public AllForOneStrategy(Func<Exception, Directive> decider)
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
                if (stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, parent.System.TimeProvider))
                {
                    foreach (var c in parent.ChildRefs())
                    {
                        c.SendSystemMessage(new Recreate(cause));
                    }
                }
                else
                {
                    StopAll(parent);
                }
                break;
            case Directive.Stop:
                StopAll(parent);
                break;
            default:
                throw new InvalidOperationException("Escalate is handled by the cell.");
        }
    }

    private static void StopAll(ActorCell parent)
    {
        foreach (var c in parent.ChildRefs())
        {
            parent.StopChild(c);
        }
    }
}
