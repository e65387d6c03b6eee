using System.Text.RegularExpressions;

namespace Liberty.Node.Lua;

/// <summary>
/// Builds a <see cref="LuaApi"/>: the one documented way to expose C# to Lua (README.md, "Adding API
/// functions"). The C# callback never raises a Lua error; it returns a status and a generated Lua wrapper
/// raises <c>error(message, 2)</c>, so the error points at the app's line.
/// </summary>
/// <remarks>Not thread-safe; build once at startup.</remarks>
internal sealed partial class LuaApiBuilder
{
    private const string LiberPrefix = "Libre_";
    private const string LibertasPrefix = "Libertas_";

    private readonly List<(string Name, List<string> Names, LuaCallback Callback, string? Adapter)> _functions = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a function under the global <paramref name="name"/>. A <c>Libre_X</c> name is also reachable as
    /// <c>Libertas_X</c> (unless that name is added separately).
    /// </summary>
    /// <param name="name">A Lua identifier, unique in this builder.</param>
    /// <param name="callback">The C# body (see <see cref="LuaCallback"/>).</param>
    /// <param name="adapter">
    /// Optional Lua source of a chunk returning a factory <c>function(raw, rt) return function(...) ... end end</c>
    /// for functions that must yield or do more than check a status. <c>raw(...)</c> calls the callback and
    /// returns <c>true, results...</c> or <c>false, message</c>; <c>rt</c> holds the untouchable runtime
    /// primitives: <c>rt.yield</c> (coroutine.yield), <c>rt.error</c>, <c>rt.create</c> (coroutine.create with the
    /// kill hook installed), <c>rt.check</c> (returns the results or raises the message at the caller of the
    /// function that tail-calls it). Example:
    /// <c>return function(raw, rt) return function(ms) local ok, e = raw(ms) if not ok then rt.error(e, 2) end return rt.yield("wait") end end</c>.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not an identifier or is already taken.</exception>
    public LuaApiBuilder Add(string name, LuaCallback callback, string? adapter = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckName(name);
        _indexByName.Add(name, _functions.Count);
        _functions.Add((name, [name], callback, adapter));
        return this;
    }

    /// <summary>Makes <paramref name="alias"/> another global name of the already added <paramref name="target"/>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The alias is taken or the target is unknown.</exception>
    public LuaApiBuilder Alias(string alias, string target)
    {
        CheckName(alias);
        if (!_indexByName.TryGetValue(target, out var index))
        {
            throw new ArgumentException($"Unknown Lua API function '{target}'.", nameof(target));
        }
        _indexByName.Add(alias, index);
        _functions[index].Names.Add(alias);
        return this;
    }

    /// <summary>Freezes the functions into a <see cref="LuaApi"/>, adding the automatic <c>Libertas_</c> aliases.</summary>
    public LuaApi Build()
    {
        var taken = new HashSet<string>(_indexByName.Keys, StringComparer.Ordinal);
        var result = new List<LuaApiFunction>(_functions.Count);
        foreach (var (name, names, callback, adapter) in _functions)
        {
            var all = new List<string>(names);
            if (name.StartsWith(LiberPrefix, StringComparison.Ordinal))
            {
                var alias = string.Concat(LibertasPrefix, name.AsSpan(LiberPrefix.Length));
                if (taken.Add(alias))
                {
                    all.Add(alias);
                }
            }
            result.Add(new LuaApiFunction(name, all, callback, adapter));
        }
        return new LuaApi(result);
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a Lua identifier.", nameof(name));
        }
        if (_indexByName.ContainsKey(name))
        {
            throw new ArgumentException($"Lua API function '{name}' is already defined.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
