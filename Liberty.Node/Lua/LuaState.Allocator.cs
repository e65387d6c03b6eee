using System.Runtime.InteropServices;

namespace Liberty.Node.Lua;

internal sealed partial class LuaState
{
    // Allocator state. Written only by the thread that runs this state (Lua calls the allocator on it);
    // _used and _peak are read by any thread through Volatile.Read (stale by at most one allocation).
    private long _used;
    private long _peak;

    // True while Lua code runs under a protected call that C# started (resume, load, pcall) and no C#
    // callback is on top of it: only then may the allocator refuse, because the resulting longjmp lands
    // in native code without crossing a managed frame. Saved and restored around every transition.
    private bool _mayRefuse;

    // A refusal is first reported to Lua, which then runs an emergency full collection and asks again;
    // only a second refusal in a row condemns the task. Cleared by any successful growth.
    private bool _refusalPending;

    // Sticky: the task went over its limit. The kill hook and the pcall wrappers then end it.
    private volatile bool _memoryLimitExceeded;

    // An allocation inside a C# callback went over the limit (allowed then, enforced at the next Lua one).
    private bool _overLimitInCallback;

    /// <summary>Bytes currently allocated by this state (Lua objects, stacks, lbuffer contents).</summary>
    /// <remarks>Thread: any; the value may be one allocation stale when read off the state's thread.</remarks>
    public long MemoryUsed => Volatile.Read(ref _used);

    /// <summary>Highest <see cref="MemoryUsed"/> seen since the state was created.</summary>
    /// <remarks>Thread: any; the value may be one allocation stale when read off the state's thread.</remarks>
    public long PeakMemoryUsed => Volatile.Read(ref _peak);

    /// <summary>The limit in bytes (0 or negative: none).</summary>
    public long MemoryLimit { get; }

    /// <summary>True once an allocation went over <see cref="MemoryLimit"/>; the task is then ended at its next Lua allocation or hook check.</summary>
    /// <remarks>Thread: any.</remarks>
    public bool MemoryLimitExceeded => _memoryLimitExceeded;

    /// <summary>True once a C# callback allocated past the limit (allowed there; enforced at the next Lua allocation).</summary>
    public bool OverLimitInCallback => _overLimitInCallback;

    /// <summary>
    /// Checks, from a C# callback, that <paramref name="bytes"/> more may be allocated. When they may not,
    /// the task is condemned exactly as if Lua had hit the limit, and the caller should fail the call with
    /// a message containing "memory limit".
    /// </summary>
    /// <returns>True when the allocation fits under the limit.</returns>
    public bool TryReserveMemory(long bytes)
    {
        if (MemoryLimit <= 0 || _used + bytes <= MemoryLimit)
        {
            return true;
        }
        _memoryLimitExceeded = true;
        return false;
    }

    private IntPtr Allocate(IntPtr userData, IntPtr block, UIntPtr oldSize, UIntPtr newSize)
    {
        // A native callback: no exception may escape, and Lua must see IntPtr.Zero for "refused".
        try
        {
            var newBytes = (long)newSize;
            var oldBytes = block == IntPtr.Zero ? 0 : (long)oldSize;
            if (newBytes == 0)
            {
                if (block != IntPtr.Zero)
                {
                    Marshal.FreeHGlobal(block);
                    _used -= oldBytes;
                }
                return IntPtr.Zero;
            }
            var delta = newBytes - oldBytes;
            if (delta > 0 && MemoryLimit > 0 && _used + delta > MemoryLimit)
            {
                if (_mayRefuse)
                {
                    if (_refusalPending)
                    {
                        _memoryLimitExceeded = true;
                    }
                    _refusalPending = true;
                    return IntPtr.Zero;
                }
                _overLimitInCallback = true;
            }
            var result = block == IntPtr.Zero ? Marshal.AllocHGlobal((nint)newBytes) : Marshal.ReAllocHGlobal(block, (nint)newBytes);
            _used += delta;
            if (_used > _peak)
            {
                _peak = _used;
            }
            if (delta > 0)
            {
                _refusalPending = false;
            }
            return result;
        }
        catch (OutOfMemoryException)
        {
            // The machine is out of memory (realloc leaves the old block intact): Lua raises its memory error.
            return IntPtr.Zero;
        }
    }
}
