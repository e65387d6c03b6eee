using Akka.Actor;

namespace Liberty.Node.Management;

/// <summary>Reads the local actor tree of an Akka system for <c>/api/actors/*</c> and <c>liberty actor hierarchy</c>.</summary>
internal static class ActorTree
{
    /// <summary>The user and system guardians.</summary>
    public static IActorRef[] Guardians(ActorSystem system)
    {
        var extended = (ExtendedActorSystem)system;
        return [extended.Guardian, extended.SystemGuardian];
    }

    /// <summary>The live children of a local actor (none for a remote or dead one).</summary>
    public static IReadOnlyList<IActorRef> ChildrenOf(IActorRef actor) =>
        actor is ActorRefWithCell cell ? [.. cell.Children] : [];

    /// <summary>The dispatcher and type of a local actor.</summary>
    public static (string? Dispatcher, string? Type) Describe(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying.Props: { } props } ? (props.Dispatcher, props.Type?.Name) : (null, null);

    /// <summary>The live local actor at an absolute path without address (<c>/user/devices</c>), or null.</summary>
    public static IActorRef? Resolve(ActorSystem system, string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return null;
        }
        var guardians = Guardians(system);
        IActorRef? current = names[0] switch
        {
            "user" => guardians[0],
            "system" => guardians[1],
            _ => null,
        };
        foreach (var name in names.Skip(1))
        {
            current = current is null ? null : ChildrenOf(current).FirstOrDefault(c => c.Path.Name == name);
        }
        return current;
    }

    /// <summary>The system's address.</summary>
    public static string Address(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress.ToString();
}
