using System.ComponentModel;
using System.Globalization;

namespace Liberty.Node.Hosting;

/// <summary>
/// Checks a node's configuration against <see cref="OptionsShape"/> before it is bound: every key must be a section or
/// setting the option classes have (an unknown one is named with its source and the nearest valid spelling), and
/// every value must convert to its setting's type. Every problem is reported, not the first.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>A problem with one key.</summary>
    /// <param name="Key">The configuration key, e.g. <c>Htp</c> or <c>Http:MaxRequestBodyBytes</c>; bind nothing at or below it.</param>
    /// <param name="Message">What is wrong, starting with the key.</param>
    public readonly record struct Problem(string Key, string Message);

    /// <summary>Checks every key and value of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The merged configuration.</param>
    /// <param name="sourceOf">Where a key comes from, for the message (" in the file ...", " from LIBERTY__..."), or "".</param>
    /// <returns>The problems, in the configuration's key order.</returns>
    public static IReadOnlyList<Problem> Run(IConfiguration configuration, Func<string, string> sourceOf)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sourceOf);
        var problems = new List<Problem>();
        foreach (var section in configuration.GetChildren())
        {
            if (string.Equals(section.Key, OptionsShape.NodeSection, StringComparison.OrdinalIgnoreCase))
            {
                CheckSection(section, typeof(NodeOptions), valuesOnly: true, problems, sourceOf);
            }
            else if (OptionsShape.Sections.FirstOrDefault(p => string.Equals(p.Name, section.Key, StringComparison.OrdinalIgnoreCase)) is { } property)
            {
                CheckNode(section, property.PropertyType, problems, sourceOf);
            }
            else
            {
                problems.Add(new(section.Path, $"{section.Path}: unknown section{sourceOf(section.Path)}; " + Suggest(section.Key, OptionsShape.SectionNames, "", "the sections are")));
            }
        }
        return problems;
    }

    private static void CheckNode(IConfigurationSection node, Type type, List<Problem> problems, Func<string, string> sourceOf)
    {
        var hasChildren = node.GetChildren().Any();
        if (OptionsShape.IsValue(type))
        {
            if (hasChildren)
            {
                problems.Add(new(node.Path, $"{node.Path}: is a value ({Expected(type)}), not a section{sourceOf(node.Path)}."));
            }
            else if (node.Value is { Length: > 0 } text && !Converts(text, type))
            {
                problems.Add(new(node.Path, $"{node.Path}: '{text}'{sourceOf(node.Path)} is not {Expected(type)}."));
            }
            return;
        }
        if (!hasChildren && !string.IsNullOrEmpty(node.Value))
        {
            var shape = OptionsShape.ListItem(type) is not null
                ? $"a list: give its items as {node.Path}:0, {node.Path}:1 ... (a JSON array; LIBERTY__{node.Path.Replace(":", "__", StringComparison.Ordinal)}__0 ...)"
                : $"a section of settings ({string.Join(", ", OptionsShape.Settings(type).Select(static p => p.Name))}), not a value";
            problems.Add(new(node.Path, $"{node.Path}: '{node.Value}'{sourceOf(node.Path)}: {node.Key} is {shape}."));
            return;
        }
        CheckSection(node, type, valuesOnly: false, problems, sourceOf);
    }

    private static void CheckSection(IConfigurationSection section, Type type, bool valuesOnly, List<Problem> problems, Func<string, string> sourceOf)
    {
        if (OptionsShape.ListItem(type) is { } item)
        {
            foreach (var child in section.GetChildren())
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new(child.Path, $"{child.Path}: {section.Path} is a list; its items are numbered {section.Path}:0, {section.Path}:1 ...{sourceOf(child.Path)}."));
                    continue;
                }
                CheckNode(child, item, problems, sourceOf);
            }
            return;
        }
        if (OptionsShape.DictionaryValue(type) is { } value)
        {
            foreach (var child in section.GetChildren())
            {
                CheckNode(child, value, problems, sourceOf);
            }
            return;
        }
        foreach (var child in section.GetChildren())
        {
            if (OptionsShape.Find(type, child.Key, valuesOnly) is { } property)
            {
                CheckNode(child, property.PropertyType, problems, sourceOf);
                continue;
            }
            var names = OptionsShape.Settings(type, valuesOnly).Select(static p => p.Name).ToList();
            problems.Add(new(child.Path, $"{child.Path}: unknown setting{sourceOf(child.Path)}; " + Suggest(child.Key, names, section.Path + ":", $"the settings of {section.Path} are")));
        }
    }

    private static string Suggest(string typed, IReadOnlyList<string> valid, string prefix, string listIntro) =>
        Spelling.Nearest(typed, valid) is { } nearest
            ? $"did you mean '{prefix}{nearest}'?"
            : valid.Count == 0 ? "it has none." : $"{listIntro} {string.Join(", ", valid)}.";

    private static bool Converts(string text, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return true;
        }
        if (t.IsEnum)
        {
            return Enum.GetNames(t).Any(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        }
        try
        {
            // What the configuration binder itself converts with.
            return TypeDescriptor.GetConverter(t).ConvertFromInvariantString(text) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for messages.</summary>
    private static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(TimeSpan) => "a duration ([d.]hh:mm:ss[.fff], e.g. 00:00:05)",
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) => "a whole number",
            _ when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
            _ when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(static n => n.ToLowerInvariant())),
            _ when t == typeof(string) => "text",
            _ => "a " + t.Name,
        };
    }
}
