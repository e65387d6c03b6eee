namespace Liberty.Actors.Internal;

/// <summary>The node at <see cref="Address"/> is gone: deliver death notices for every actor watched there.</summary>
internal sealed class AddressTerminated(Address address) : SystemMessage
{
    public Address Address { get; } = address;
}
