using System.Collections.Concurrent;

namespace Liberty.Actors.Remote;

/// <summary>
/// An in-memory "network" for several actor systems in one process (specs, tools): each system gets a
/// transport from <see cref="CreateTransport"/>; envelopes still go through serialization, so what
/// works here works across real nodes. <see cref="Disconnect"/> simulates the loss of a node.
/// </summary>
/// <remarks>Thread-safe. Delivery is synchronous on the sender's thread (enqueueing only), which keeps
/// FIFO per sender–recipient pair.</remarks>
public sealed class InProcessTransportHub
{
    private readonly ConcurrentDictionary<Address, Transport> _nodes = new();

    /// <summary>Envelopes carried so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    /// <summary>A new transport to pass in <see cref="ActorSystemOptions.RemoteTransport"/>.</summary>
    /// <returns>The transport.</returns>
    public IRemoteTransport CreateTransport() => new Transport(this);

    /// <summary>Removes the node at <paramref name="address"/> from the network; every other node is told it is gone.</summary>
    /// <param name="address">The node's system address.</param>
    /// <returns>False when no such node was connected.</returns>
    public bool Disconnect(Address address)
    {
        if (!_nodes.TryRemove(address, out _))
        {
            return false;
        }
        foreach (var other in _nodes.Values)
        {
            other.Inbound?.AddressTerminated(address);
        }
        return true;
    }

    private sealed class Transport(InProcessTransportHub hub) : IRemoteTransport
    {
        private Address? _address;

        public IRemoteInbound? Inbound { get; private set; }

        public void Start(Address localAddress, IRemoteInbound inbound)
        {
            ArgumentNullException.ThrowIfNull(localAddress);
            ArgumentNullException.ThrowIfNull(inbound);
            _address = localAddress;
            Inbound = inbound;
            if (!hub._nodes.TryAdd(localAddress, this))
            {
                throw new InvalidOperationException($"A system with address {localAddress} is already connected to this hub.");
            }
            foreach (var other in hub._nodes.Values.Where(n => n != this))
            {
                other.Inbound?.AddressUp(localAddress);
                inbound.AddressUp(other._address!);
            }
        }

        public bool Send(Address recipient, RemoteEnvelope envelope)
        {
            if (_address is null || !hub._nodes.ContainsKey(_address) || !hub._nodes.TryGetValue(recipient, out var target))
            {
                return false;
            }
            // Copy the payload: nothing may be shared between "nodes" by reference.
            target.Inbound!.Deliver(envelope with { Payload = (byte[])envelope.Payload.Clone() });
            Interlocked.Increment(ref hub._delivered);
            return true;
        }

        public void Stop()
        {
            if (_address is not null)
            {
                hub.Disconnect(_address);
            }
        }
    }
}
