using System.Collections;
using System.Globalization;
using System.Reflection;
using Liberty.Devices.Actions;
using Liberty.Devices.Drivers;
using Liberty.Node.Engine.Io;

namespace Liberty.Node.Hosting;

/// <summary>
/// In a node, every number and duration of every option class is a limit, a size, a count or an interval, and must be
/// positive: zero or less would turn something off (the watchdog, a rate limit) or make it spin. The few settings
/// for which zero means something are listed here with the reason; a new setting is checked without being added.
/// </summary>
internal static class OptionLimits
{
    /// <summary>Settings that may be zero (never negative), and why.</summary>
    private static readonly Dictionary<(Type, string), string> ZeroAllowed = new()
    {
        [(typeof(SimulatedDriverOptions), nameof(SimulatedDriverOptions.CommandLatency))] = "0 answers at once",
        [(typeof(SimulatedDriverOptions), nameof(SimulatedDriverOptions.TemperatureDriftStep))] = "0 keeps temperatures constant",
        [(typeof(LanDevice), nameof(LanDevice.Port))] = "0: the app gives the port",
    };

    /// <summary>Numbers that are names, not quantities; their declarations check them.</summary>
    private static readonly HashSet<(Type, string)> Identifiers =
    [
        (typeof(ActionDeclaration), nameof(ActionDeclaration.Id)),
        (typeof(LanDevice), nameof(LanDevice.Id)),
    ];

    /// <summary>Checks every number and duration of the bound options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One problem per setting out of range: its key, the value and the default.</returns>
    public static IReadOnlyList<ConfigurationCheck.Problem> Check(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationCheck.Problem>();
        CheckObject(options, new NodeOptions(), OptionsShape.NodeSection, valuesOnly: true, problems);
        foreach (var section in OptionsShape.Sections)
        {
            if (section.GetValue(options) is { } value)
            {
                CheckObject(value, section.GetValue(new NodeOptions()), section.Name, valuesOnly: false, problems);
            }
        }
        return problems;
    }

    private static void CheckObject(object value, object? defaults, string path, bool valuesOnly, List<ConfigurationCheck.Problem> problems)
    {
        foreach (var property in OptionsShape.Settings(value.GetType(), valuesOnly))
        {
            var key = $"{path}:{property.Name}";
            var current = property.GetValue(value);
            if (OptionsShape.IsValue(property.PropertyType))
            {
                CheckValue(property, key, current, defaults is null ? null : property.GetValue(defaults), problems);
            }
            else if (current is not null && OptionsShape.DictionaryValue(property.PropertyType) is null)
            {
                if (OptionsShape.ListItem(property.PropertyType) is { } itemType)
                {
                    var index = 0;
                    foreach (var item in (IEnumerable)current)
                    {
                        if (item is not null && !OptionsShape.IsValue(itemType))
                        {
                            CheckObject(item, Activator.CreateInstance(item.GetType()), $"{key}:{index}", valuesOnly: false, problems);
                        }
                        index++;
                    }
                }
                else
                {
                    CheckObject(current, defaults is null ? null : property.GetValue(defaults), key, valuesOnly: false, problems);
                }
            }
        }
    }

    private static void CheckValue(PropertyInfo property, string key, object? value, object? defaultValue, List<ConfigurationCheck.Problem> problems)
    {
        var owner = (property.DeclaringType!, property.Name);
        if (Identifiers.Contains(owner) || Sign(value) is not { } sign)
        {
            return;
        }
        var example = Sign(defaultValue) > 0 ? $" (the default is {Show(defaultValue)})" : "";
        if (ZeroAllowed.TryGetValue(owner, out var zero))
        {
            if (sign < 0)
            {
                problems.Add(new(key, $"{key}: {Show(value)} must not be negative{example}; {zero}."));
            }
        }
        else if (sign <= 0)
        {
            problems.Add(new(key, $"{key}: {Show(value)} must be positive{example}."));
        }
    }

    /// <summary>-1, 0 or 1 for a number or duration; null for anything else.</summary>
    private static int? Sign(object? value) => value switch
    {
        TimeSpan t => t.CompareTo(TimeSpan.Zero),
        int i => Math.Sign(i),
        long l => Math.Sign(l),
        double d => double.IsNaN(d) ? -1 : Math.Sign(d),
        float f => float.IsNaN(f) ? -1 : Math.Sign(f),
        decimal m => Math.Sign(m),
        short s => Math.Sign(s),
        _ => null,
    };

    private static string Show(object? value) => value switch
    {
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };
}
