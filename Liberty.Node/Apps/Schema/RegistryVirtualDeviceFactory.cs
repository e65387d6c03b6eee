using System.Globalization;
using Akka.Actor;
using Liberty.Devices.Actors;

namespace Liberty.Node.Apps.Schema;

/// <summary><see cref="IVirtualDeviceFactory"/> over the node's <see cref="DeviceRegistry"/> actor (Ask with a timeout).</summary>
/// <param name="registry">The registry.</param>
/// <param name="timeout">How long to wait for each answer.</param>
internal sealed class RegistryVirtualDeviceFactory(IActorRef registry, TimeSpan timeout) : IVirtualDeviceFactory
{
    /// <inheritdoc />
    public async ValueTask<(long Id, string? Error)> CreateAsync(string name, string spec, long ownerTask, CancellationToken cancellationToken)
    {
        try
        {
            var created = await registry.Ask<DeviceCreated>(new CreateVirtualDevice(name, spec, null, ownerTask), timeout, cancellationToken).ConfigureAwait(false);
            return (created.Info.Id.Value, null);
        }
        catch (ArgumentException e)
        {
            return (0, e.Message);
        }
        catch (AskTimeoutException e)
        {
            return (0, e.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(long id, CancellationToken cancellationToken) =>
        await registry.Ask<DeviceRemoved>(new RemoveDevice(id.ToString(CultureInfo.InvariantCulture)), timeout, cancellationToken).ConfigureAwait(false);
}
