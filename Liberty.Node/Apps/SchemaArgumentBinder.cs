using System.Globalization;
using Liberty.Node.Apps.Schema;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

/// <summary>
/// The <see cref="ITaskArgumentBinder"/> on the schema layer (Liberty.Node/Apps/Schema, README.md there):
/// signatures parsed by <see cref="AppSignature"/>, arguments validated and bound by <see cref="ArgumentBinder"/>
/// against the node's devices, actions and LAN devices; virtual devices created through the device registry
/// (owned by the task, removed by the binding's cleanup when the run ends). Without a signature, arguments are
/// taken as given.
/// </summary>
/// <remarks><b>Thread:</b> any (stateless apart from the node's services).</remarks>
internal sealed class SchemaArgumentBinder : ITaskArgumentBinder
{
    /// <summary>How long creating one virtual device may take.</summary>
    public static readonly TimeSpan VirtualDeviceTimeout = TimeSpan.FromSeconds(5);

    private readonly ArgumentLookups _lookups;
    private readonly IVirtualDeviceFactory? _virtualDevices;

    /// <summary>Creates a binder on the node's services (devices, actions, LAN devices, registry when present).</summary>
    public SchemaArgumentBinder(LuaServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var actions = services.DeviceActions;
        var io = services.Io;
        _lookups = new ArgumentLookups
        {
            Device = services.Devices is { } directory ? ArgumentLookups.FromDirectory(directory) : null,
            Action = text => actions.TryFind(text, out var action) ? action.Id : null,
            LanDevice = io is null
                ? null
                : text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && io.FindLanDevice(id) is not null ? id : null,
        };
        _virtualDevices = services.DeviceRegistry is { } registry ? new RegistryVirtualDeviceFactory(registry, VirtualDeviceTimeout) : null;
    }

    /// <inheritdoc />
    public string? CheckSignature(string signatureJson) =>
        AppSignature.TryParse(signatureJson, out _, out var error) ? null : $"signature: {error}";

    /// <inheritdoc />
    public IReadOnlyList<string> FunctionsOf(string signatureJson) =>
        AppSignature.TryParse(signatureJson, out var signature, out _) ? [.. signature.Functions.Select(f => f.NativeName)] : [];

    /// <inheritdoc />
    public async ValueTask<TaskArguments> BindAsync(string? signatureJson, string function, string? argumentsJson, long taskId, CancellationToken cancellationToken)
    {
        AppSignature? signature = null;
        if (signatureJson is not null && !AppSignature.TryParse(signatureJson, out signature, out var error))
        {
            return TaskArguments.Failed($"signature: {error}");
        }
        var binding = await ArgumentBinder.BindAsync(signature, function, argumentsJson, _lookups, _virtualDevices, taskId, cancellationToken).ConfigureAwait(false);
        return binding.Ok ? new TaskArguments(null, binding.Values, binding.Cleanup) : TaskArguments.Failed(binding.Error!);
    }
}
