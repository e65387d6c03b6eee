using Liberty.Actors.Supervision;

namespace Liberty.Actors.Internal;

/// <summary><c>/user</c> and <c>/system</c>: parents of top-level actors, supervising them with the default strategy.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;
}

/// <summary>
/// The root (<c>/</c>): watches <c>/user</c>; when it has stopped (system termination), stops itself,
/// which stops <c>/system</c> last. Guardians that fail are stopped.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    private readonly IActorRef _user;

    public RootGuardianActor(IActorRef user) => _user = user;

    protected internal override void PreStart() => Context.Watch(_user);

    protected internal override bool Receive(object message)
    {
        if (message is Terminated t && t.ActorRef.Equals(_user))
        {
            Context.Stop(Self);
            return true;
        }
        return false;
    }

    protected internal override SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.StoppingStrategy;
}
