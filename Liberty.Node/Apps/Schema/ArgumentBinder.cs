using System.Globalization;
using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Node.Apps.Schema;

/// <summary>
/// Checks a task's arguments against the app's signature before anything starts and turns them into the entry function's
/// positional Lua arguments (README: "Arguments"). VirtualDevice parameters get fresh virtual devices owned by the task.
/// </summary>
/// <remarks>
/// <b>Thread:</b> any; one call at a time per instance (each <see cref="BindAsync"/> makes its own).
/// <b>Cancellation:</b> cancelling while virtual devices are being created removes those already created and rethrows.
/// <b>Ordering:</b> every argument is checked first; virtual devices are created only when all are valid, in parameter order.
/// </remarks>
internal sealed class ArgumentBinder
{
    private readonly ArgumentLookups _lookups;
    private readonly List<VirtualSlot> _virtuals = [];

    private ArgumentBinder(ArgumentLookups lookups) => _lookups = lookups;

    /// <summary>Binds the arguments of one call of <paramref name="functionName"/>.</summary>
    /// <param name="signature">The app's signature, or null when the app has none (arguments are then taken as given).</param>
    /// <param name="functionName">The entry function.</param>
    /// <param name="argumentsJson">A JSON array (positional) or object (by parameter name; without a signature: one table argument); null or blank for none.</param>
    /// <param name="lookups">How ids are resolved.</param>
    /// <param name="virtualDevices">Creates virtual devices; null when the node has no registry (a VirtualDevice parameter then fails).</param>
    /// <param name="ownerTask">The task that will own the virtual devices (also names them: <c>task-&lt;id&gt;/&lt;parameter&gt;</c>).</param>
    /// <param name="checkOnly">Only check the arguments: create no virtual device (their values stay null).</param>
    /// <param name="cancellationToken">Abandons virtual device creation.</param>
    /// <returns>The values, or an error naming the parameter.</returns>
    public static async ValueTask<ArgumentBinding> BindAsync(
        AppSignature? signature,
        string functionName,
        string? argumentsJson,
        ArgumentLookups lookups,
        IVirtualDeviceFactory? virtualDevices,
        long ownerTask,
        bool checkOnly = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        ArgumentNullException.ThrowIfNull(lookups);
        JsonDocument? document = null;
        if (!string.IsNullOrWhiteSpace(argumentsJson))
        {
            try
            {
                document = JsonDocument.Parse(argumentsJson);
            }
            catch (JsonException e)
            {
                return ArgumentBinding.Failed($"Arguments are not valid JSON: {e.Message}");
            }
        }
        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Object or JsonValueKind.Null) } bad)
            {
                return ArgumentBinding.Failed($"Arguments must be a JSON array (positional) or object (by name), not {ArgumentValues.Describe(bad)}.");
            }
            if (root is { ValueKind: JsonValueKind.Null })
            {
                root = null;
            }
            if (signature is null)
            {
                return ArgumentBinding.Succeeded(Unchecked(root), [], null);
            }
            if (!signature.TryGetFunction(functionName, out var function))
            {
                return ArgumentBinding.Failed($"The app's signature does not describe '{functionName}'; it describes {string.Join(", ", signature.Functions.Select(static f => f.NativeName))}.");
            }
            var binder = new ArgumentBinder(lookups);
            object?[] values;
            try
            {
                values = binder.BindFunction(function, root);
            }
            catch (ArgumentBindException e)
            {
                return ArgumentBinding.Failed(e.Message, e.Path);
            }
            return checkOnly ? ArgumentBinding.Succeeded(values, [], null)
                : await binder.CreateVirtualDevicesAsync(values, virtualDevices, ownerTask, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<object?> Unchecked(JsonElement? root) => root switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(ArgumentValues.FromJson)],
        { } table => [ArgumentValues.FromJson(table)],
    };

    private object?[] BindFunction(SignatureFunction function, JsonElement? root)
    {
        var parameters = function.Parameters;
        var given = new JsonElement?[parameters.Count];
        if (root is { ValueKind: JsonValueKind.Array } array)
        {
            var count = array.GetArrayLength();
            if (count > parameters.Count)
            {
                throw new ArgumentBindException($"Too many arguments: {function.NativeName} takes {parameters.Count} ({Names(parameters)}), got {count}.");
            }
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                given[i++] = element;
            }
        }
        else if (root is { ValueKind: JsonValueKind.Object } byName)
        {
            foreach (var property in byName.EnumerateObject())
            {
                var index = IndexOf(parameters, property.Name);
                if (index < 0)
                {
                    throw new ArgumentBindException(property.Name, $"{function.NativeName} has no such parameter; it takes {Names(parameters)}.");
                }
                given[index] = property.Value;
            }
        }
        var values = new object?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var index = i;
            values[i] = Bind(parameters[i], given[i], parameters[i].NativeName, v => values[index] = v);
        }
        return values;
    }

    private static int IndexOf(IReadOnlyList<SignatureParameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].NativeName == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Names(IReadOnlyList<SignatureParameter> parameters) =>
        parameters.Count == 0 ? "no parameters" : string.Join(", ", parameters.Select(static p => p.NativeName));

    /// <summary>Binds one value; <paramref name="assign"/> stores a late value (a created virtual device's id) in its container.</summary>
    private object? Bind(SignatureParameter parameter, JsonElement? given, string path, Action<object?> assign)
    {
        if (given is null or { ValueKind: JsonValueKind.Null })
        {
            if (parameter.Type == ParameterType.VirtualDevice && !parameter.Nullable)
            {
                _virtuals.Add(new VirtualSlot(path, parameter.VirtualDeviceSpec!, null, assign));
                return null;
            }
            if (parameter.HasDefault)
            {
                return parameter.Default;
            }
            if (parameter.Nullable)
            {
                return null;
            }
            throw new ArgumentBindException(path, given is null ? "missing; the parameter is required." : "null, but the parameter is not Nullable.");
        }
        var element = given.Value;
        return parameter.Type switch
        {
            ParameterType.Device => BindDevice(parameter, element, path),
            ParameterType.VirtualDevice => BindVirtual(parameter, element, path, assign),
            ParameterType.LanDevice => BindId(_lookups.LanDevice, "LAN device", element, path),
            ParameterType.Action => BindId(_lookups.Action, "action", element, path),
            ParameterType.User => BindId(_lookups.User, "user", element, path),
            ParameterType.List => BindList(parameter, element, path),
            ParameterType.Table => BindTable(parameter, element, path),
            ParameterType.Number => BindNumber(parameter, element, path),
            ParameterType.String => element.ValueKind == JsonValueKind.String ? element.GetString() : throw Expected("a string", element, path),
            ParameterType.Boolean => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : throw Expected("true or false", element, path),
            ParameterType.Enumeration => BindEnumeration(parameter, element, path),
            ParameterType.TimeOnly => BindTimeOnly(element, path),
            _ => BindDateTime(element, path),
        };
    }

    private static ArgumentBindException Expected(string what, JsonElement element, string path) =>
        new(path, $"expected {what}, got {ArgumentValues.Describe(element)}.");

    private static string IdText(JsonElement element, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString()!;
        }
        if (ArgumentValues.TryGetWhole(element, out var id))
        {
            return id.ToString(CultureInfo.InvariantCulture);
        }
        throw Expected($"a {what} id (integer) or name (string)", element, path);
    }

    private long BindDevice(SignatureParameter parameter, JsonElement element, string path)
    {
        var text = IdText(element, path, "device");
        var info = _lookups.Device?.Invoke(text) ?? throw new ArgumentBindException(path, $"no device '{text}'.");
        if (parameter.DeviceTypes.Count > 0 && !parameter.DeviceTypes.Any(a => a.Matches(info)))
        {
            var clusters = string.Join("|", info.Clusters.Select(static c => c.ToString("x4", CultureInfo.InvariantCulture)));
            throw new ArgumentBindException(path,
                $"device {info.Id.Name} ({DeviceTypes.GetName(info.DeviceType)}, type {info.DeviceType:x4}, clusters {clusters}) does not match DeviceType '{parameter.Attributes["DeviceType"]}'.");
        }
        return info.Id.Value;
    }

    private object? BindVirtual(SignatureParameter parameter, JsonElement element, string path, Action<object?> assign)
    {
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            throw Expected("a name for the new virtual device (string) or null", element, path);
        }
        _virtuals.Add(new VirtualSlot(path, parameter.VirtualDeviceSpec!, element.GetString(), assign));
        return null;
    }

    private static long BindId(Func<string, long?>? lookup, string what, JsonElement element, string path)
    {
        var text = IdText(element, path, what);
        return lookup?.Invoke(text) ?? throw new ArgumentBindException(path, $"no {what} '{text}'.");
    }

    private List<object?> BindList(SignatureParameter parameter, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Expected("an array", element, path);
        }
        var count = element.GetArrayLength();
        if (parameter.SizeMin is { } min && count < min)
        {
            throw new ArgumentBindException(path, $"{count} element{(count == 1 ? "" : "s")}, fewer than SizeMin {min}.");
        }
        if (parameter.SizeMax is { } max && count > max)
        {
            throw new ArgumentBindException(path, $"{count} elements, more than SizeMax {max}.");
        }
        var child = parameter.Children[0];
        var result = new List<object?>(count);
        // Unique is scoped to this list (docs/app-api.md 1a): the elements, and each Unique field of a Table element,
        // are distinct among this list's elements; the same device may still appear in another list.
        var elementUnique = parameter.Unique || child.Unique;
        var uniqueFields = child.Type == ParameterType.Table ? child.Children.Where(static f => f.Unique).ToArray() : [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var index = i;
            result.Add(null);
            // Lua arrays are 1-based, and so are the paths people read.
            var itemPath = $"{path}[{i + 1}]";
            result[index] = Bind(child, item, itemPath, v => result[index] = v);
            if (elementUnique)
            {
                CheckDistinct(seen, "", UniqueKey(child, item, result[index]), itemPath, path, i + 1);
            }
            foreach (var field in uniqueFields)
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field.NativeName, out var fieldJson) && fieldJson.ValueKind != JsonValueKind.Null
                    && result[index] is Dictionary<string, object?> table)
                {
                    CheckDistinct(seen, field.NativeName + "=", UniqueKey(field, fieldJson, table.GetValueOrDefault(field.NativeName)), $"{itemPath}.{field.NativeName}", path, i + 1);
                }
            }
            i++;
        }
        return result;
    }

    // Ids compare by the bound id (a device named once by name and once by id is the same device); other values by their JSON.
    private static string UniqueKey(SignatureParameter node, JsonElement json, object? bound) =>
        node.Type is ParameterType.Device or ParameterType.LanDevice or ParameterType.Action or ParameterType.User && bound is long id
            ? "#" + id.ToString(CultureInfo.InvariantCulture)
            : json.GetRawText();

    private static void CheckDistinct(Dictionary<string, int> seen, string scope, string key, string itemPath, string listPath, int position)
    {
        if (seen.TryGetValue(scope + key, out var first))
        {
            var field = scope.Length == 0 ? "" : "." + scope[..^1];
            throw new ArgumentBindException(itemPath, $"same as {listPath}[{first}]{field}; it is Unique within the list.");
        }
        seen[scope + key] = position;
    }

    private Dictionary<string, object?> BindTable(SignatureParameter parameter, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Expected("an object", element, path);
        }
        foreach (var property in element.EnumerateObject())
        {
            if (IndexOf(parameter.Children, property.Name) < 0)
            {
                throw new ArgumentBindException($"{path}.{property.Name}", $"no such field; expected {Names(parameter.Children)}.");
            }
        }
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var child in parameter.Children)
        {
            JsonElement? value = element.TryGetProperty(child.NativeName, out var found) ? found : null;
            var name = child.NativeName;
            var bound = Bind(child, value, $"{path}.{name}", v => result[name] = v);
            if (bound is not null)
            {
                result[name] = bound;
            }
        }
        return result;
    }

    private static object BindNumber(SignatureParameter parameter, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw Expected("a number", element, path);
        }
        var value = element.GetDouble();
        var why = CheckNumber(parameter, value);
        return why is null ? ArgumentValues.Number(element) : throw new ArgumentBindException(path, why);
    }

    /// <summary>Checks NumberMin/NumberMax/NumberStep; returns why the value is refused, or null.</summary>
    /// <param name="parameter">A Number parameter.</param>
    /// <param name="value">The value.</param>
    /// <returns>The reason, or null when acceptable.</returns>
    internal static string? CheckNumber(SignatureParameter parameter, double value)
    {
        if (parameter.NumberMin is { } min && value < min)
        {
            return $"{AppSignature.Format(value)} is below NumberMin {AppSignature.Format(min)}.";
        }
        if (parameter.NumberMax is { } max && value > max)
        {
            return $"{AppSignature.Format(value)} is above NumberMax {AppSignature.Format(max)}.";
        }
        if (parameter.Quantity is { } quantity && (value < quantity.Min || value > quantity.Max))
        {
            return $"{AppSignature.Format(value)} {quantity.Unit} is outside {AppSignature.Format(quantity.Min)}..{AppSignature.Format(quantity.Max)} {quantity.Unit} (PhysicalQuantity).";
        }
        if (parameter.NumberStep is { } step)
        {
            var origin = parameter.NumberMin ?? 0;
            var steps = (value - origin) / step;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-9)
            {
                return $"{AppSignature.Format(value)} is not {AppSignature.Format(origin)} plus a multiple of NumberStep {AppSignature.Format(step)}.";
            }
        }
        return null;
    }

    private static long BindEnumeration(SignatureParameter parameter, JsonElement element, string path)
    {
        var labels = parameter.Labels;
        if (labels is not null && element.ValueKind == JsonValueKind.String)
        {
            // People see labels, not indexes: a label is accepted too and passed as its index.
            var text = element.GetString();
            for (var i = 0; i < labels.Count; i++)
            {
                if (string.Equals(labels[i], text, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            throw new ArgumentBindException(path, $"'{text}' is not one of the labels {LabelList(labels)}.");
        }
        if (!ArgumentValues.TryGetWhole(element, out var index) || index < 0)
        {
            throw Expected(labels is null ? "a 0-based label index (whole number ≥ 0)" : $"a label index 0..{labels.Count - 1} or a label", element, path);
        }
        if (labels is not null && index >= labels.Count)
        {
            throw new ArgumentBindException(path, $"{index} is not a label index; the labels are {LabelList(labels)} (0..{labels.Count - 1}).");
        }
        return index;
    }

    private static string LabelList(IReadOnlyList<string> labels) =>
        string.Join(", ", labels.Select(static (label, i) => $"{i} '{label}'"));

    private static long BindTimeOnly(JsonElement element, string path)
    {
        if (ArgumentValues.TryGetWhole(element, out var seconds) && seconds is >= 0 and < 86400)
        {
            return seconds;
        }
        if (element.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(element.GetString(), ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (long)time.ToTimeSpan().TotalSeconds;
        }
        throw Expected("seconds since midnight (0..86399) or \"HH:MM[:SS]\"", element, path);
    }

    private static object BindDateTime(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return ArgumentValues.Number(element);
        }
        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return ArgumentValues.Normalize((at - DateTimeOffset.UnixEpoch).TotalSeconds);
        }
        throw Expected("UTC seconds since the epoch or an ISO 8601 time", element, path);
    }

    private async ValueTask<ArgumentBinding> CreateVirtualDevicesAsync(object?[] values, IVirtualDeviceFactory? factory, long ownerTask, CancellationToken cancellationToken)
    {
        if (_virtuals.Count == 0)
        {
            return ArgumentBinding.Succeeded(values, [], null);
        }
        if (factory is null)
        {
            return ArgumentBinding.Failed($"{_virtuals[0].Path}: this node cannot create virtual devices.", _virtuals[0].Path);
        }
        var created = new List<long>();
        async ValueTask RemoveAll()
        {
            foreach (var id in created)
            {
                await factory.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
        }
        try
        {
            foreach (var slot in _virtuals)
            {
                var name = slot.Name ?? string.Create(CultureInfo.InvariantCulture, $"task-{ownerTask}/{slot.Path}");
                var (id, error) = await factory.CreateAsync(name, slot.Spec, ownerTask, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    await RemoveAll().ConfigureAwait(false);
                    return ArgumentBinding.Failed($"{slot.Path}: could not create the virtual device: {error}", slot.Path);
                }
                created.Add(id);
                slot.Assign(id);
            }
        }
        catch (OperationCanceledException)
        {
            await RemoveAll().ConfigureAwait(false);
            throw;
        }
        return ArgumentBinding.Succeeded(values, created, RemoveAll);
    }

    private sealed record VirtualSlot(string Path, string Spec, string? Name, Action<object?> Assign);
}
