using System.Text.Json;

namespace Liberty.Node.Apps.Schema;

internal sealed partial class AppSignature
{
    /// <summary>
    /// The description files of a signature, read before it: per locale, entries of <c>List</c> keyed by a parameter's
    /// <c>ID</c> (<c>"Type": 3</c>) or by a function's or named type's NativeName (<c>"Type": "ComboOnOff"</c>).
    /// </summary>
    private sealed class Descriptions
    {
        private readonly Dictionary<string, Dictionary<int, SignatureText>> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, SignatureText>> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SignatureText> _app = new(StringComparer.Ordinal);

        /// <summary>The app's own texts by locale.</summary>
        public IReadOnlyDictionary<string, SignatureText> App => _app;

        /// <summary>The locale whose labels count: <c>en</c> when given, else the first by name.</summary>
        private string? DefaultLocale => _byId.ContainsKey("en") ? "en" : _byId.Keys.Order(StringComparer.Ordinal).FirstOrDefault();

        public static bool IsLocale(string locale) =>
            locale.Length is > 0 and <= 16 && locale.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

        public void Read(string locale, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SignatureException("", "a description file must be a JSON object with a 'List' array.");
            }
            var byId = _byId[locale] = [];
            var byName = _byName[locale] = new(StringComparer.Ordinal);
            _app[locale] = new SignatureText(OptionalString(root, "Name", ""), OptionalString(root, "Description", ""), null);
            if (!root.TryGetProperty("List", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new SignatureException("List", "must be an array.");
            }
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var path = $"List[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new SignatureException(path, "an entry must be a JSON object.");
                }
                var text = new SignatureText(OptionalString(entry, "Name", path), OptionalString(entry, "Description", path), Labels(entry, path));
                if (!entry.TryGetProperty("Type", out var key) && !entry.TryGetProperty("ID", out key))
                {
                    throw new SignatureException(path + ".Type", "missing: the parameter's ID (or a function's or type's NativeName) this entry describes.");
                }
                if (key.ValueKind == JsonValueKind.Number && key.TryGetInt32(out var id))
                {
                    if (!byId.TryAdd(id, text))
                    {
                        throw new SignatureException(path + ".Type", $"ID {id} is described twice.");
                    }
                }
                else if (key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 } name)
                {
                    if (!byName.TryAdd(name, text))
                    {
                        throw new SignatureException(path + ".Type", $"'{name}' is described twice.");
                    }
                }
                else
                {
                    throw new SignatureException(path + ".Type", "must be a parameter ID (integer) or a NativeName (string).");
                }
            }
        }

        /// <summary>The texts of the parameter with <paramref name="id"/> (0: none), by locale.</summary>
        public Dictionary<string, SignatureText> ForId(int id) => Collect(_byId, id);

        /// <summary>The texts of the function or named type <paramref name="name"/>, by locale.</summary>
        public Dictionary<string, SignatureText> ForName(string name) => Collect(_byName, name);

        /// <summary>The labels that <paramref name="texts"/> give in the default locale, or null.</summary>
        public IReadOnlyList<string>? LabelsIn(Dictionary<string, SignatureText> texts) =>
            DefaultLocale is { } locale && texts.TryGetValue(locale, out var text) ? text.Labels : null;

        private static Dictionary<string, SignatureText> Collect<TKey>(Dictionary<string, Dictionary<TKey, SignatureText>> source, TKey key)
            where TKey : notnull
        {
            var result = new Dictionary<string, SignatureText>(StringComparer.Ordinal);
            foreach (var (locale, entries) in source)
            {
                if (entries.TryGetValue(key, out var text))
                {
                    result[locale] = text;
                }
            }
            return result;
        }

        private static List<string>? Labels(JsonElement entry, string path)
        {
            if (!entry.TryGetProperty("Enum", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new SignatureException(path + ".Enum", "must be an array of {\"Name\": label}.");
            }
            var labels = new List<string>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var label = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("Name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
                    _ => null,
                };
                labels.Add(label ?? throw new SignatureException($"{path}.Enum[{index}]", "a label must be {\"Name\": \"text\"}."));
                index++;
            }
            return labels;
        }

        private static string? OptionalString(JsonElement owner, string property, string path)
        {
            if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new SignatureException(path.Length == 0 ? property : $"{path}.{property}", "must be a string.");
        }
    }
}
