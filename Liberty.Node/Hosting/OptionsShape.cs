using System.Collections;
using System.Reflection;

namespace Liberty.Node.Hosting;

/// <summary>
/// The shape of a node's configuration, read from the option classes themselves (no list of keys kept by hand): the
/// root sections are <c>Node</c> (the values of <see cref="NodeOptions"/>) and one per option-class property of
/// <see cref="NodeOptions"/>; below them, a setting is a property the configuration binder can set.
/// </summary>
internal static class OptionsShape
{
    /// <summary>The section holding <see cref="NodeOptions"/>'s own values (name, data folder ...).</summary>
    public const string NodeSection = "Node";

    /// <summary>
    /// The root sections other than <see cref="NodeSection"/>: every property of <see cref="NodeOptions"/> whose type
    /// is an option class, public or internal (<c>Lua</c>), named after the property.
    /// </summary>
    public static IReadOnlyList<PropertyInfo> Sections { get; } =
    [
        .. typeof(NodeOptions).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(static p => p.GetIndexParameters().Length == 0 && !IsValue(p.PropertyType)),
    ];

    /// <summary>Every root section name: <see cref="NodeSection"/> first, then <see cref="Sections"/>.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = [NodeSection, .. Sections.Select(static p => p.Name)];

    /// <summary>Whether values of <paramref name="type"/> are written as one string (numbers, text, durations, enums ...).</summary>
    /// <param name="type">The property type.</param>
    /// <returns>True for a value; false for a section (an option class, a list or a dictionary).</returns>
    public static bool IsValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid) || t == typeof(Uri);
    }

    /// <summary>The item type of a list (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, an array ...), or null.</summary>
    /// <param name="type">The property type.</param>
    /// <returns>The item type, or null when <paramref name="type"/> is not a list.</returns>
    public static Type? ListItem(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        if (type == typeof(string) || DictionaryValue(type) is not null || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        return Generic(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    /// <summary>The value type of a dictionary keyed by strings, or null.</summary>
    /// <param name="type">The property type.</param>
    /// <returns>The value type, or null when <paramref name="type"/> is not such a dictionary.</returns>
    public static Type? DictionaryValue(Type type) =>
        Generic(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;

    /// <summary>
    /// The settings of an option class: its public instance properties the binder can fill — values with a public
    /// (or init) setter, and sections (option classes, lists, dictionaries). Computed properties are not settings.
    /// </summary>
    /// <param name="type">The option class.</param>
    /// <param name="valuesOnly">Only the values (the <c>Node</c> section of <see cref="NodeOptions"/>).</param>
    /// <returns>The properties, in declaration order.</returns>
    public static IReadOnlyList<PropertyInfo> Settings(Type type, bool valuesOnly = false) =>
    [
        .. type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }
                && (IsValue(p.PropertyType) ? p.SetMethod is { IsPublic: true } : !valuesOnly)),
    ];

    /// <summary>The setting of <paramref name="type"/> called <paramref name="name"/> (case-insensitive, like the binder), or null.</summary>
    /// <param name="type">The option class.</param>
    /// <param name="name">The key.</param>
    /// <param name="valuesOnly">As <see cref="Settings"/>.</param>
    /// <returns>The property or null.</returns>
    public static PropertyInfo? Find(Type type, string name, bool valuesOnly = false) =>
        Settings(type, valuesOnly).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Type? Generic(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type;
        }
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }
}
