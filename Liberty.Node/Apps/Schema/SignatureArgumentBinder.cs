using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps.Schema;

/// <summary>
/// The <see cref="TaskManager"/>'s binder with signatures: <see cref="AppSignature"/> checks <c>.sig</c> files at
/// deployment and <see cref="ArgumentBinder"/> validates and binds each run's arguments (creating its virtual devices).
/// </summary>
/// <remarks>
/// <b>Thread:</b> any (the lookups must be safe to call from the binder's thread). <b>Cancellation:</b> see
/// <see cref="ArgumentBinder"/>: a cancelled bind removes what it created. <b>Ordering:</b> none.
/// </remarks>
/// <param name="lookups">How ids in arguments are resolved.</param>
/// <param name="virtualDevices">Creates the virtual devices of VirtualDevice parameters; null when the node has none.</param>
internal sealed class SignatureArgumentBinder(ArgumentLookups lookups, IVirtualDeviceFactory? virtualDevices) : ITaskArgumentBinder
{
    /// <summary>Default wait for the device registry when creating or removing a virtual device: 5 s.</summary>
    public static readonly TimeSpan DefaultRegistryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A binder over a node's services: devices from <see cref="LuaServices.Devices"/>, actions from
    /// <see cref="LuaServices.DeviceActions"/>, virtual devices through <see cref="LuaServices.DeviceRegistry"/>.
    /// LAN devices and users are resolved by the given delegates (null: the node has none).
    /// </summary>
    /// <param name="services">The node's services.</param>
    /// <param name="lanDevice">LAN device name or id → id.</param>
    /// <param name="user">User name or id → id.</param>
    /// <returns>The binder.</returns>
    public static SignatureArgumentBinder ForNode(LuaServices services, Func<string, long?>? lanDevice = null, Func<string, long?>? user = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var actions = services.DeviceActions;
        var lookups = new ArgumentLookups
        {
            Device = services.Devices is { } directory ? ArgumentLookups.FromDirectory(directory) : null,
            Action = text => actions.TryFind(text, out var action) ? action.Id : null,
            LanDevice = lanDevice,
            User = user,
        };
        var factory = services.DeviceRegistry is { } registry ? new RegistryVirtualDeviceFactory(registry, DefaultRegistryTimeout) : null;
        return new SignatureArgumentBinder(lookups, factory);
    }

    /// <inheritdoc />
    public string? CheckSignature(string signatureJson) =>
        AppSignature.TryParse(signatureJson, out _, out var error) ? null : "signature: " + error;

    /// <inheritdoc />
    public IReadOnlyList<string> FunctionsOf(string signatureJson) =>
        AppSignature.TryParse(signatureJson, out var signature, out _) ? [.. signature.Functions.Select(static f => f.NativeName)] : [];

    /// <inheritdoc />
    public async ValueTask<TaskArguments> BindAsync(string? signatureJson, string function, string? argumentsJson, long taskId, CancellationToken cancellationToken)
    {
        AppSignature? signature = null;
        if (signatureJson is not null && !AppSignature.TryParse(signatureJson, out signature, out var error))
        {
            return TaskArguments.Failed("signature: " + error);
        }
        var binding = await ArgumentBinder.BindAsync(signature, function, argumentsJson, lookups, virtualDevices, taskId, cancellationToken).ConfigureAwait(false);
        return binding.Ok
            ? new TaskArguments(null, binding.Values, binding.VirtualDevices.Count > 0 ? binding.Cleanup : null)
            : TaskArguments.Failed(binding.Error!);
    }
}
