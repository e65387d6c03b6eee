namespace Liberty.Actors.Serialization;

/// <summary>
/// The stable short key (<see cref="RemoteMessageSerializer"/>'s manifest) of an <see cref="IRemoteMessage"/> type:
/// what goes on the wire instead of the type's name, so a type can be renamed or moved without breaking a cluster
/// that runs mixed versions.
/// </summary>
/// <param name="manifest">The key: unique among all remote message types, non-empty, never changed once shipped.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RemoteMessageAttribute(string manifest) : Attribute
{
    /// <summary>The key written as the manifest.</summary>
    public string Manifest { get; } = manifest;
}
