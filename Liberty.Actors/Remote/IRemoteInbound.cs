namespace Liberty.Actors.Remote;

/// <summary>What a transport calls on the local system. Implemented by the kernel; thread-safe; never blocks.</summary>
public interface IRemoteInbound
{
    /// <summary>An envelope arrived for an actor of this system. Malformed envelopes are dropped and logged.</summary>
    /// <param name="envelope">The envelope.</param>
    void Deliver(RemoteEnvelope envelope);

    /// <summary>The node at <paramref name="address"/> left or is considered down: its watched actors are Terminated.</summary>
    /// <param name="address">The lost node's system address.</param>
    void AddressTerminated(Address address);

    /// <summary>A node is reachable (again) at <paramref name="address"/>.</summary>
    /// <param name="address">The node's system address.</param>
    void AddressUp(Address address);
}
