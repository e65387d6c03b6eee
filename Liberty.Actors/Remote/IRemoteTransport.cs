namespace Liberty.Actors.Remote;

/// <summary>
/// Carries envelopes between actor systems on different nodes. The cluster layer implements it over
/// RabbitMQ; <see cref="InProcessTransportHub"/> implements it in memory for specs.
/// </summary>
/// <remarks>
/// <b>Delivery:</b> at most once; FIFO per sender–recipient pair (the same guarantee as local
/// messaging). <b>Thread safety:</b> <see cref="Send"/> may be called from any thread and must not block
/// on the network. <b>Liveness:</b> the transport tells the inbound side when a node is lost
/// (<see cref="IRemoteInbound.AddressTerminated"/>), which turns into Terminated for watchers.
/// </remarks>
public interface IRemoteTransport
{
    /// <summary>Called once by the system when it starts: its address and where to deliver inbound envelopes.</summary>
    /// <param name="localAddress">The local system's address.</param>
    /// <param name="inbound">The local system's receiver.</param>
    void Start(Address localAddress, IRemoteInbound inbound);

    /// <summary>Sends an envelope to the node of its recipient.</summary>
    /// <param name="recipient">The recipient's address (already parsed from the envelope).</param>
    /// <param name="envelope">The envelope.</param>
    /// <returns>False when the envelope could not be handed on (unknown or lost node); it is then dropped.</returns>
    bool Send(Address recipient, RemoteEnvelope envelope);

    /// <summary>Called once when the system terminates; stops delivering.</summary>
    void Stop();
}
