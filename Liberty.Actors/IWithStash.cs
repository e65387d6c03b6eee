namespace Liberty.Actors;

/// <summary>An actor with a stash (Akka's <c>IWithUnboundedStash</c>); the kernel fills <see cref="Stash"/>.</summary>
public interface IWithStash
{
    /// <summary>The actor's stash; set by the kernel before <c>PreStart</c> runs.</summary>
    IStash Stash { get; set; }
}
