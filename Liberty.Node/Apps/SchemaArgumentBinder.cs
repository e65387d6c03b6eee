using System.Diagnostics.CodeAnalysis;
using Liberty.Node.Apps.Schema;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

/// <summary>
/// How the <see cref="TaskManager"/> checks an app's signature at deployment and turns a task's arguments (JSON) into
/// the entry's Lua values before anything starts (the schema layer: Liberty.Node/Apps/Schema, README.md there):
/// arguments validated and bound by <see cref="ArgumentBinder"/> against the node's devices, actions and LAN devices;
/// virtual devices created through the device registry (owned by the task, removed by the binding's cleanup when the
/// run ends). Without a signature, arguments are taken as given.
/// </summary>
/// <remarks><b>Thread:</b> any (stateless apart from the node's services).</remarks>
internal sealed class SchemaArgumentBinder
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
            LanDevice = io is null ? null : io.LookupLanDevice,
        };
        _virtualDevices = services.DeviceRegistry is { } registry ? new RegistryVirtualDeviceFactory(registry, VirtualDeviceTimeout) : null;
    }

    /// <summary>Parses a signature and its description files.</summary>
    /// <param name="signatureJson">The <c>.sig</c> JSON, or null for none.</param>
    /// <param name="descriptions">The <c>.sigdesc.&lt;locale&gt;</c> texts by locale, or null.</param>
    /// <param name="signature">The signature; null when there is none.</param>
    /// <param name="error">What is wrong, with a JSON path into the request (<c>$.signature...</c>, <c>$.descriptions.en...</c>); null when valid.</param>
    /// <returns>True when valid (or absent).</returns>
    public static bool TryParse(string? signatureJson, IReadOnlyDictionary<string, string>? descriptions, out AppSignature? signature, [NotNullWhen(false)] out SignatureError? error)
    {
        signature = null;
        error = null;
        if (signatureJson is null)
        {
            if (descriptions is { Count: > 0 })
            {
                error = new SignatureError("$.descriptions", "descriptions: description files describe a signature, and the app has none.");
                return false;
            }
            return true;
        }
        return AppSignature.TryParse(signatureJson, descriptions, out signature, out error);
    }

    /// <summary>Validates and binds the arguments of one run.</summary>
    /// <param name="signature">The app's signature, or null.</param>
    /// <param name="function">The entry function.</param>
    /// <param name="argumentsJson">The arguments as given, or null.</param>
    /// <param name="taskId">The task that will own what binding creates.</param>
    /// <param name="checkOnly">Only check the arguments: create no virtual device (their values stay nil).</param>
    /// <param name="cancellationToken">Abandons the bind (a cancelled bind created nothing).</param>
    /// <returns>The values, or an error naming the parameter (its path: <c>$.arguments.&lt;parameter path&gt;</c>).</returns>
    public async ValueTask<TaskArguments> BindAsync(AppSignature? signature, string function, string? argumentsJson, long taskId, bool checkOnly, CancellationToken cancellationToken)
    {
        var binding = await ArgumentBinder.BindAsync(signature, function, argumentsJson, _lookups, _virtualDevices, taskId, checkOnly, cancellationToken).ConfigureAwait(false);
        return binding.Ok ? new TaskArguments(null, binding.Values, binding.Cleanup)
            : TaskArguments.Failed(binding.Error!, binding.Path is { } path ? "$.arguments." + path : "$.arguments");
    }
}
