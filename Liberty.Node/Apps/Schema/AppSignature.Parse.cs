using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Apps.Schema;

internal sealed partial class AppSignature
{
    /// <summary>Lua's reserved words: never a function or parameter name.</summary>
    internal static readonly IReadOnlySet<string> LuaKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    };

    /// <summary>Whether <paramref name="name"/> is a Lua name (an identifier that is not a reserved word).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a valid Lua name.</returns>
    internal static bool IsLuaName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !LuaKeywords.Contains(name);

    /// <summary>One parse of a signature: its named types and the description files it applies.</summary>
    private sealed class Parser(Descriptions texts)
    {
        private readonly Dictionary<string, SignatureNamedType> _types = new(StringComparer.Ordinal);

        public List<SignatureNamedType> Types { get; } = [];

        public List<SignatureFunction> ParseDocument(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SignatureException("", "a signature must be a JSON object with a 'Functions' array.");
            }
            ParseTypes(root);
            var functions = RequireArray(root, "Functions", "");
            var result = new List<SignatureFunction>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var function in functions.EnumerateArray())
            {
                var path = $"Functions[{index}]";
                if (function.ValueKind != JsonValueKind.Object)
                {
                    throw new SignatureException(path, "a function must be a JSON object.");
                }
                var name = RequireString(function, "NativeName", path);
                if (!IsLuaName(name))
                {
                    throw new SignatureException(path + ".NativeName", $"'{name}' is not a Lua function name.");
                }
                if (!names.Add(name))
                {
                    throw new SignatureException(path + ".NativeName", $"function '{name}' is described twice.");
                }
                var parameters = new List<SignatureParameter>();
                if (function.TryGetProperty("Parameters", out var list) && list.ValueKind != JsonValueKind.Null)
                {
                    if (list.ValueKind != JsonValueKind.Array)
                    {
                        throw new SignatureException(path + ".Parameters", "must be an array.");
                    }
                    parameters = ParseParameters(list, path + ".Parameters", requireNames: true);
                }
                var functionTexts = texts.ForName(name);
                if (function.TryGetProperty("ID", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var functionId))
                {
                    foreach (var (locale, text) in texts.ForId(functionId))
                    {
                        functionTexts.TryAdd(locale, text);
                    }
                }
                result.Add(new SignatureFunction(name, parameters) { Texts = functionTexts });
                index++;
            }
            return result;
        }

        // Gen 2: named Tables and Enumerations. Every name is known before any definition is read, so definitions may
        // refer to each other (and to themselves) in any order.
        private void ParseTypes(JsonElement root)
        {
            if (!root.TryGetProperty(nameof(Types), out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new SignatureException(nameof(Types), "must be an array.");
            }
            var definitions = new List<(JsonElement Element, SignatureNamedType Type, string Path)>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var path = $"Types[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new SignatureException(path, "a type must be a JSON object.");
                }
                var name = RequireString(element, "NativeName", path);
                if (!IsLuaName(name))
                {
                    throw new SignatureException(path + ".NativeName", $"'{name}' is not a type name.");
                }
                if (Enum.TryParse<ParameterType>(name, ignoreCase: false, out _))
                {
                    throw new SignatureException(path + ".NativeName", $"'{name}' is a built-in type.");
                }
                var baseType = BuiltinType(RequireString(element, "Type", path), path + ".Type");
                if (baseType is not (ParameterType.Table or ParameterType.Enumeration or ParameterType.List))
                {
                    throw new SignatureException(path + ".Type", $"a named type is a Table, an Enumeration or a List, not {baseType}.");
                }
                var type = new SignatureNamedType(name, baseType);
                if (!_types.TryAdd(name, type))
                {
                    throw new SignatureException(path + ".NativeName", $"type '{name}' is defined twice.");
                }
                Types.Add(type);
                definitions.Add((element, type, path));
            }
            foreach (var (element, type, path) in definitions)
            {
                type.Definition = type.Type == ParameterType.Enumeration
                    ? ParseEnumerationType(element, type.Name, path)
                    : ParseParameter(element, path, type);
            }
        }

        private SignatureParameter ParseEnumerationType(JsonElement element, string name, string path)
        {
            var labels = new List<string>();
            if (element.TryGetProperty("Children", out var children) && children.ValueKind != JsonValueKind.Null)
            {
                if (children.ValueKind != JsonValueKind.Array)
                {
                    throw new SignatureException(path + ".Children", "must be an array of labels ({\"NativeName\": label}).");
                }
                var index = 0;
                foreach (var child in children.EnumerateArray())
                {
                    var childPath = $"{path}.Children[{index++}]";
                    labels.Add(child.ValueKind == JsonValueKind.Object
                        ? RequireString(child, "NativeName", childPath)
                        : throw new SignatureException(childPath, "a label must be an object with a NativeName."));
                }
            }
            if (labels.Count == 0)
            {
                throw new SignatureException(path + ".Children", $"the Enumeration '{name}' lists no labels.");
            }
            var typeTexts = texts.ForName(name);
            return new SignatureParameter
            {
                Id = 0,
                NativeName = name,
                Type = ParameterType.Enumeration,
                Labels = labels,
                Texts = typeTexts,
                Attributes = new Dictionary<string, string>(),
            };
        }

        private List<SignatureParameter> ParseParameters(JsonElement list, string path, bool requireNames)
        {
            var result = new List<SignatureParameter>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var itemPath = $"{path}[{index}]";
                var parameter = ParseParameter(element, itemPath, null);
                if (requireNames)
                {
                    if (!IsLuaName(parameter.NativeName))
                    {
                        throw new SignatureException(itemPath + ".NativeName", $"'{parameter.NativeName}' is not a Lua name.");
                    }
                    if (!names.Add(parameter.NativeName))
                    {
                        throw new SignatureException(itemPath + ".NativeName", $"'{parameter.NativeName}' is used twice.");
                    }
                }
                result.Add(parameter);
                index++;
            }
            return result;
        }

        private static ParameterType BuiltinType(string text, string path) =>
            Enum.TryParse<ParameterType>(text, ignoreCase: false, out var type) && Enum.IsDefined(type) && !text.Any(char.IsDigit)
                ? type
                : throw new SignatureException(path, $"unknown type '{text}'; expected one of {string.Join(", ", Enum.GetNames<ParameterType>())} or a type of 'Types'.");

        // definition: the named type this element defines (a Types entry), or null for a parameter or child.
        private SignatureParameter ParseParameter(JsonElement element, string path, SignatureNamedType? definition)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new SignatureException(path, "a parameter must be a JSON object.");
            }
            var id = 0;
            if (element.TryGetProperty("ID", out var idElement) && idElement.ValueKind != JsonValueKind.Null && (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt32(out id)))
            {
                throw new SignatureException(path + ".ID", "must be an integer.");
            }
            var name = element.TryGetProperty("NativeName", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null
                ? nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : throw new SignatureException(path + ".NativeName", "must be a string.")
                : "";
            var typeText = RequireString(element, "Type", path);
            SignatureNamedType? reference = null;
            ParameterType type;
            if (definition is null && _types.TryGetValue(typeText, out var named))
            {
                reference = named;
                type = named.Type;
            }
            else
            {
                type = BuiltinType(typeText, path + ".Type");
            }
            if (element.TryGetProperty("BuiltinType", out var builtin) && builtin.ValueKind is JsonValueKind.False && reference is null)
            {
                throw new SignatureException(path + ".Type", $"'{typeText}' is marked \"BuiltinType\": false but 'Types' defines no such type.");
            }

            var children = new List<SignatureParameter>();
            if (element.TryGetProperty("Children", out var childList) && childList.ValueKind != JsonValueKind.Null)
            {
                if (childList.ValueKind != JsonValueKind.Array)
                {
                    throw new SignatureException(path + ".Children", "must be an array.");
                }
                children = ParseParameters(childList, path + ".Children", requireNames: type == ParameterType.Table);
            }
            if (reference is not null && children.Count > 0)
            {
                throw new SignatureException(path + ".Children", $"a parameter of the named type '{reference.Name}' takes its children from the type.");
            }
            switch (type)
            {
                case var _ when reference is not null:
                    break;
                case ParameterType.List when children.Count != 1:
                    throw new SignatureException(path + ".Children", $"a List has exactly one child (its element type), not {children.Count}.");
                case ParameterType.Table when children.Count == 0:
                    throw new SignatureException(path + ".Children", "a Table needs at least one child (its fields).");
                case not (ParameterType.List or ParameterType.Table) when children.Count != 0:
                    throw new SignatureException(path + ".Children", $"a {type} parameter has no children.");
                default:
                    break;
            }

            var attributes = ReadAttributes(element, path);
            var builder = new AttributeReader(attributes, path, type);
            var parameterTexts = texts.ForId(id);
            var parameter = new SignatureParameter
            {
                Id = id,
                NativeName = name,
                Type = type,
                Children = children,
                NamedType = reference,
                Labels = type == ParameterType.Enumeration && reference is null ? texts.LabelsIn(parameterTexts) : null,
                Texts = parameterTexts,
                Attributes = attributes.ToDictionary(static a => a.Name, static a => a.Value, StringComparer.Ordinal),
                DeviceTypes = builder.DeviceTypes(),
                Access = builder.Access(),
                Nullable = builder.Boolean("Nullable"),
                Unique = builder.Boolean("Unique"),
                VirtualDeviceSpec = builder.VirtualDeviceSpec(),
                SizeMin = builder.Size("SizeMin"),
                SizeMax = builder.Size("SizeMax"),
                Unordered = builder.Boolean("Unordered"),
                TableHeader = builder.Boolean("TableHeader"),
                NumberMin = builder.Number("NumberMin"),
                NumberMax = builder.Number("NumberMax"),
                NumberStep = builder.Number("NumberStep"),
                Default = builder.Default(),
                ShowPercentage = builder.Boolean("ShowPercentage"),
                PhysicalQuantity = builder.Text("PhysicalQuantity"),
                Quantity = builder.Quantity(),
            };
            builder.CheckConsistency(parameter);
            return parameter;
        }
    }

    private static List<(string Name, string Value, string Path)> ReadAttributes(JsonElement element, string path)
    {
        var result = new List<(string, string, string)>();
        if (!element.TryGetProperty("Attributes", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return result;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new SignatureException(path + ".Attributes", "must be an array.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var attribute in list.EnumerateArray())
        {
            var itemPath = $"{path}.Attributes[{index}]";
            if (attribute.ValueKind != JsonValueKind.Object)
            {
                throw new SignatureException(itemPath, "an attribute must be an object with Name and Value.");
            }
            var name = RequireString(attribute, "Name", itemPath);
            if (!names.Add(name))
            {
                throw new SignatureException(itemPath + ".Name", $"attribute '{name}' is given twice.");
            }
            // Liberty's tools write flag attributes with an empty value ({"Name":"Unique","Value":""}); an absent Value is read the same.
            var text = !attribute.TryGetProperty("Value", out var value) ? ""
                : value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Null => "",
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => throw new SignatureException(itemPath + ".Value", "must be a string, number or boolean."),
                };
            result.Add((name, text, itemPath + ".Value"));
            index++;
        }
        return result;
    }

    private static JsonElement RequireArray(JsonElement owner, string property, string ownerPath)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new SignatureException(ownerPath.Length == 0 ? property : $"{ownerPath}.{property}", $"{(ownerPath.Length == 0 ? "the document" : ownerPath)} needs a '{property}' array.");
        }
        return value;
    }

    private static string RequireString(JsonElement owner, string property, string path)
    {
        if (!owner.TryGetProperty(property, out var value))
        {
            throw new SignatureException($"{path}.{property}", "missing.");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SignatureException($"{path}.{property}", "must be a string.");
        }
        return value.GetString()!;
    }

    /// <summary>Reads the known attributes of one parameter; each error names the attribute's Value path.</summary>
    private sealed class AttributeReader(List<(string Name, string Value, string Path)> attributes, string path, ParameterType type)
    {
        private bool TryGet(string name, out string value, out string valuePath)
        {
            foreach (var attribute in attributes)
            {
                if (attribute.Name == name)
                {
                    value = attribute.Value.Trim();
                    valuePath = attribute.Path;
                    return true;
                }
            }
            value = "";
            valuePath = "";
            return false;
        }

        public bool Boolean(string name)
        {
            if (!TryGet(name, out var value, out var at))
            {
                return false;
            }
            // Flags are written as "Value": "" by Liberty's tools: present means set.
            return value.ToUpperInvariant() switch
            {
                "" or "TRUE" or "1" => true,
                "FALSE" or "0" => false,
                _ => throw new SignatureException(at, $"{name} must be empty (set), true or false, not '{value}'."),
            };
        }

        public string? Text(string name) => TryGet(name, out var value, out _) ? value : null;

        /// <summary>
        /// <c>PhysicalQuantity</c> as Liberty writes it, <c>"&lt;n&gt;|&lt;unit&gt;,&lt;min&gt;,&lt;max&gt;,&lt;step&gt;|..."</c>: the first
        /// alternative. A value without '|' or ',' is a plain hint (<c>"Temperature"</c>) and constrains nothing.
        /// </summary>
        public PhysicalRange? Quantity()
        {
            if (!TryGet("PhysicalQuantity", out var value, out var at) || !value.Contains('|', StringComparison.Ordinal) && !value.Contains(',', StringComparison.Ordinal))
            {
                return null;
            }
            var parts = value.Split('|');
            if (parts.Length < 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new SignatureException(at, $"PhysicalQuantity '{value}' must be '<n>|<unit>,<min>,<max>,<step>[|...]'.");
            }
            PhysicalRange? first = null;
            for (var i = 1; i < parts.Length; i++)
            {
                var fields = parts[i].Split(',');
                if (fields.Length != 4 || fields[0].Trim().Length == 0
                    || !TryParseFinite(fields[1], out var min) || !TryParseFinite(fields[2], out var max)
                    || !TryParseFinite(fields[3], out var step) || min > max || step < 0)
                {
                    throw new SignatureException(at, $"PhysicalQuantity alternative '{parts[i]}' must be '<unit>,<min>,<max>,<step>' with min ≤ max and step ≥ 0.");
                }
                first ??= new PhysicalRange(fields[0].Trim(), min, max, step);
            }
            return first;
        }

        public double? Number(string name)
        {
            if (!TryGet(name, out var value, out var at))
            {
                return null;
            }
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                throw new SignatureException(at, $"{name} must be a number, not '{value}'.");
            }
            return number;
        }

        public int? Size(string name)
        {
            if (!TryGet(name, out var value, out var at))
            {
                return null;
            }
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new SignatureException(at, $"{name} must be a whole number ≥ 0, not '{value}'.");
            }
            return size;
        }

        public DeviceAccess Access()
        {
            if (!TryGet("Access", out var value, out var at))
            {
                return DeviceAccess.Unspecified;
            }
            return value.ToUpperInvariant() switch
            {
                "READ" or "R" => DeviceAccess.Read,
                "WRITE" or "W" => DeviceAccess.Write,
                "READWRITE" or "RW" => DeviceAccess.ReadWrite,
                _ => throw new SignatureException(at, $"Access must be Read, Write or ReadWrite, not '{value}'."),
            };
        }

        public List<DeviceTypeAlternative> DeviceTypes()
        {
            var result = new List<DeviceTypeAlternative>();
            if (!TryGet("DeviceType", out var value, out var at))
            {
                return result;
            }
            foreach (var alternative in value.Split('$'))
            {
                if (!TryParseTypeSpec(alternative, out var loadType, out var deviceType, out var clusters, out var why))
                {
                    throw new SignatureException(at, $"DeviceType alternative '{alternative}' {why}");
                }
                result.Add(new DeviceTypeAlternative(loadType, deviceType, clusters));
            }
            return result;
        }

        public string? VirtualDeviceSpec()
        {
            if (!TryGet("VirtualDevice", out var value, out var at))
            {
                if (type == ParameterType.VirtualDevice)
                {
                    throw new SignatureException(path + ".Attributes", $"a VirtualDevice parameter needs a VirtualDevice attribute (its type spec, e.g. \"1,100,6\").");
                }
                return null;
            }
            if (!TryParseTypeSpec(value, out _, out var deviceType, out _, out var why))
            {
                throw new SignatureException(at, $"VirtualDevice '{value}' {why}");
            }
            if (deviceType == Liberty.Devices.Model.DeviceTypes.Any)
            {
                throw new SignatureException(at, $"VirtualDevice '{value}' must name a device type, not ffff (any).");
            }
            return value;
        }

        public object? Default()
        {
            if (!TryGet("Default", out var value, out var at))
            {
                return null;
            }
            switch (type)
            {
                case ParameterType.Number:
                    if (ArgumentValues.TryParseNumber(value, out var number))
                    {
                        return number;
                    }
                    throw new SignatureException(at, $"Default must be a number, not '{value}'.");
                case ParameterType.Boolean:
                    return value.ToUpperInvariant() switch
                    {
                        "TRUE" or "1" => true,
                        "FALSE" or "0" => false,
                        _ => throw new SignatureException(at, $"Default must be true or false, not '{value}'."),
                    };
                case ParameterType.String:
                    return value;
                case ParameterType.Enumeration or ParameterType.TimeOnly or ParameterType.DateTime:
                    if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    {
                        return whole;
                    }
                    throw new SignatureException(at, $"Default must be a whole number, not '{value}'.");
                default:
                    throw new SignatureException(at, $"a {type} parameter cannot have a Default.");
            }
        }

        public void CheckConsistency(SignatureParameter parameter)
        {
            if (parameter.SizeMin is { } min && parameter.SizeMax is { } max && min > max)
            {
                throw new SignatureException(path + ".Attributes", $"SizeMin {min} is greater than SizeMax {max}.");
            }
            if (parameter.NumberMin is { } low && parameter.NumberMax is { } high && low > high)
            {
                throw new SignatureException(path + ".Attributes", $"NumberMin {Format(low)} is greater than NumberMax {Format(high)}.");
            }
            if (parameter.NumberStep is { } step && step <= 0)
            {
                throw new SignatureException(path + ".Attributes", $"NumberStep must be greater than 0, not {Format(step)}.");
            }
            if (parameter.Type == ParameterType.Number && parameter.Default is { } value)
            {
                var why = ArgumentBinder.CheckNumber(parameter, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                if (why is not null)
                {
                    throw new SignatureException(path + ".Attributes", $"Default {why}");
                }
            }
        }
    }

    private static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses <c>loadType,deviceTypeHex,clusterHex[|clusterHex]</c>; the cluster part may be empty.</summary>
    internal static bool TryParseTypeSpec(string spec, out int loadType, out int deviceType, out List<int> clusters, out string why)
    {
        clusters = [];
        deviceType = 0;
        var parts = spec.Split(',');
        if (parts.Length != 3)
        {
            loadType = 0;
            why = "must be 'loadType,deviceTypeHex,clusterHex[|clusterHex]'.";
            return false;
        }
        if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out loadType))
        {
            why = $"has a load type '{parts[0]}' that is not a whole number.";
            return false;
        }
        if (!int.TryParse(parts[1].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out deviceType) || deviceType > 0xFFFF)
        {
            why = $"has a device type '{parts[1]}' that is not hex 0..ffff.";
            return false;
        }
        if (parts[2].Trim().Length == 0)
        {
            why = "";
            return true;
        }
        foreach (var text in parts[2].Split('|'))
        {
            if (!int.TryParse(text.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cluster) || cluster > 0xFFFF)
            {
                why = $"has a cluster '{text}' that is not hex 0..ffff.";
                return false;
            }
            if (!clusters.Contains(cluster))
            {
                clusters.Add(cluster);
            }
        }
        why = "";
        return true;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
