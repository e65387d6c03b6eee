using System.Collections.Frozen;

namespace Liberty.Node.Lua;

/// <summary>
/// An immutable set of C# functions exposed to Lua as globals (the <c>Libre_*</c> / <c>Libertas_*</c> API).
/// Built once with <see cref="LuaApiBuilder"/> and shared by every task state. A state binds a function
/// lazily, the first time a script reads its global name, so hundreds of functions cost a task nothing
/// until it uses them.
/// </summary>
internal sealed class LuaApi
{
    /// <summary>An API with no functions.</summary>
    public static LuaApi Empty { get; } = new([]);

    internal LuaApi(IReadOnlyList<LuaApiFunction> functions)
    {
        Functions = functions;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < functions.Count; i++)
        {
            foreach (var name in functions[i].Names)
            {
                byName.Add(name, i);
            }
        }
        IndexByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The functions, in registration order.</summary>
    public IReadOnlyList<LuaApiFunction> Functions { get; }

    /// <summary>Every global name (aliases included) to its index in <see cref="Functions"/>.</summary>
    public FrozenDictionary<string, int> IndexByName { get; }

    /// <summary>True when <paramref name="name"/> is one of the API's global names.</summary>
    public bool Contains(string name) => IndexByName.ContainsKey(name);
}
