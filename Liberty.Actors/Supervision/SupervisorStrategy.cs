using Liberty.Actors.Events;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Supervision;

/// <summary>
/// How a parent handles a failed child: a decider maps the exception to a <see cref="Directive"/>,
/// and the strategy applies it to that child (<see cref="OneForOneStrategy"/>) or to all children
/// (<see cref="AllForOneStrategy"/>), within a retry budget.
/// </summary>
/// <remarks>
/// <b>Retry budget:</b> at most <see cref="MaxNumberOfRetries"/> restarts within
/// <see cref="WithinTimeRange"/> per child; one more failure in the window stops the child instead.
/// -1 means unlimited; 0 means a failure always stops. Null window: the count never resets.
/// </remarks>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNumberOfRetries">Restarts allowed within the window (-1 unlimited).</param>
    /// <param name="withinTimeRange">The window; null for no window.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged on the event stream.</param>
    protected SupervisorStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfRetries, -1);
        MaxNumberOfRetries = maxNumberOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/> (-1 unlimited, 0 none).</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The retry window; null: counts never reset.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged (Error for restart/stop, Warning for resume).</summary>
    public bool LoggingEnabled { get; }

    /// <summary>
    /// Akka's default decider: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/> stop the child; any other exception restarts it.
    /// </summary>
    /// <param name="cause">The failure.</param>
    /// <returns>The directive.</returns>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The default strategy: one-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(-1, null, DefaultDecider);

    /// <summary>One-for-one, <see cref="Directive.Stop"/> for every failure.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(-1, null, static _ => Directive.Stop);

    /// <summary>Applies <paramref name="directive"/> for a failed child (to it, or to all children).</summary>
    internal abstract void Apply(ActorCell parent, InternalActorRef child, Exception cause, Directive directive, ChildRestartStats stats);

    internal void LogFailure(ActorCell parent, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled || directive == Directive.Escalate)
        {
            return;
        }
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        parent.System.EventStream.Publish(new LogEvent(level, child.Path.ToString(), GetType(), $"{cause.GetType().Name}: {cause.Message} ({directive})", cause));
    }

    /// <summary>Restart if the budget allows, otherwise stop.</summary>
    internal void RestartOrStop(ActorCell parent, InternalActorRef child, Exception cause, ChildRestartStats stats)
    {
        if (stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, parent.System.TimeProvider))
        {
            child.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            parent.StopChild(child);
        }
    }
}
