using Liberty.Actors.Events;
using Liberty.Actors.Internal;

namespace Liberty.Actors;

/// <summary>Helpers on <see cref="IActorContext"/>.</summary>
public static class ActorContextExtensions
{
    /// <summary>A logger whose lines carry this actor's path (Akka's <c>Context.GetLogger()</c>).</summary>
    /// <param name="context">The actor's context.</param>
    /// <returns>The logger.</returns>
    public static ILoggingAdapter GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell ? cell.Log : context.System.Log;
    }
}
