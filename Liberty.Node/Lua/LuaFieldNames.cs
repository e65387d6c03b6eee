using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Liberty.Node.Lua;

/// <summary>
/// Field names as NUL-terminated native UTF-8, made once per name and kept for the process, so event tables
/// are filled with one <c>lua_setfield</c> per field (no encoding, and Lua's string cache hits on the address).
/// Keyed by reference: the callers pass literals. Bounded: past <see cref="Capacity"/> names, callers fall back
/// to pushing the key.
/// </summary>
/// <remarks><b>Thread:</b> any (the cache is concurrent; entries are never removed or freed).</remarks>
internal static class LuaFieldNames
{
    /// <summary>Most names kept (a dynamic name would otherwise grow the cache forever).</summary>
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, IntPtr> Cache = new(ReferenceEqualityComparer.Instance);
    private static int s_count;

    /// <summary>The native copy of <paramref name="name"/>.</summary>
    /// <returns>False when the cache is full or the name contains NUL (push the key instead).</returns>
    public static bool TryGet(string name, out IntPtr pointer)
    {
        if (Cache.TryGetValue(name, out pointer))
        {
            return true;
        }
        if (name.Contains('\0', StringComparison.Ordinal) || Interlocked.Increment(ref s_count) > Capacity)
        {
            pointer = IntPtr.Zero;
            return false;
        }
        var bytes = Encoding.UTF8.GetBytes(name);
        var native = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, native, bytes.Length);
        Marshal.WriteByte(native, bytes.Length, 0);
        if (!Cache.TryAdd(name, native))
        {
            Marshal.FreeHGlobal(native);
            native = Cache[name];
        }
        pointer = native;
        return true;
    }
}
