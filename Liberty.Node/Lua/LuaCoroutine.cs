using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// The Lua coroutine of one task thread, with the kill hook, resumed from C# (<see cref="Resume"/>). Before a resume
/// the engine pushes the values the thread receives (the entry's arguments on the first resume, the results
/// of its pending yield afterwards); after it, it reads the yielded or returned values with
/// <see cref="GetValue"/> and friends.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> the owning state's thread only, never from inside a callback of the same state.</para>
/// <para><b>Cancellation:</b> <see cref="Close"/> at any point (except while running) unwinds the coroutine and runs
/// its to-be-closed variables; a closed thread cannot be resumed.</para>
/// <para><b>Ordering:</b> values pushed are received in push order.</para>
/// </remarks>
internal sealed class LuaCoroutine : IDisposable
{
    private int _pushed;
    private int _valueCount;

    internal LuaCoroutine(LuaState owner, IntPtr handle, int reference, bool notStarted)
    {
        Owner = owner;
        Handle = handle;
        Reference = reference;
        Status = notStarted ? LuaThreadStatus.NotStarted : LuaThreadStatus.Suspended;
    }

    /// <summary>The state this thread belongs to.</summary>
    public LuaState Owner { get; }

    /// <summary>The coroutine (<c>lua_State*</c>); equals <see cref="LuaCallContext.Thread"/> for calls it makes.</summary>
    public IntPtr Handle { get; }

    /// <summary>Where it is in its life.</summary>
    public LuaThreadStatus Status { get; private set; }

    /// <summary>The engine's object for this thread.</summary>
    public object? Tag { get; set; }

    /// <summary>Values of the last resume (yielded or returned), readable with <see cref="GetValue"/> (1-based).</summary>
    public int ValueCount => _valueCount;

    internal int Reference { get; }

    /// <summary>Pushes nil for the next resume.</summary>
    public void PushNil()
    {
        PrepareArgument();
        LuaNative.lua_pushnil(Handle);
    }

    /// <summary>Pushes a boolean for the next resume.</summary>
    public void PushBoolean(bool value)
    {
        PrepareArgument();
        LuaNative.lua_pushboolean(Handle, value ? 1 : 0);
    }

    /// <summary>Pushes an integer for the next resume.</summary>
    public void PushInteger(long value)
    {
        PrepareArgument();
        LuaNative.lua_pushinteger(Handle, value);
    }

    /// <summary>Pushes a float for the next resume.</summary>
    public void PushNumber(double value)
    {
        PrepareArgument();
        LuaNative.lua_pushnumber(Handle, value);
    }

    /// <summary>Pushes a string for the next resume.</summary>
    public void PushString(string value)
    {
        PrepareArgument();
        LuaNative.PushString(Handle, value);
    }

    /// <summary>Pushes a plain .NET value for the next resume (see <c>Api.LuaValues</c>: lists and string-keyed maps become tables).</summary>
    public void PushObject(object? value)
    {
        PrepareArgument();
        if (!Api.LuaValues.TryPush(Handle, value))
        {
            LuaNative.lua_pushnil(Handle);
        }
    }

    /// <summary>
    /// Moves copies of <paramref name="count"/> values starting at <paramref name="firstIndex"/> of <paramref name="from"/>
    /// (a thread of the same state, e.g. a callback's caller) to this thread as values for its next resume.
    /// </summary>
    /// <returns>False when this thread's stack cannot grow (nothing moved).</returns>
    internal bool TryPushFrom(IntPtr from, int firstIndex, int count)
    {
        if (count <= 0)
        {
            return true;
        }
        if (Status is not (LuaThreadStatus.NotStarted or LuaThreadStatus.Suspended))
        {
            throw new InvalidOperationException($"Cannot push a value to a thread that is {Status}.");
        }
        DiscardValues();
        if (LuaNative.lua_checkstack(Handle, count) == 0 || LuaNative.lua_checkstack(from, count) == 0)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            LuaNative.lua_pushvalue(from, firstIndex + i);
        }
        LuaNative.lua_xmove(from, Handle, count);
        _pushed += count;
        return true;
    }

    /// <summary>
    /// Runs the thread until it yields, returns, fails or is killed. The pushed values are its arguments (first
    /// resume) or the results of the yield it is suspended in.
    /// </summary>
    /// <returns>How the slice ended; see <see cref="LuaResumeStatus"/>.</returns>
    /// <exception cref="InvalidOperationException">The thread is dead, closed or running, or another thread of the state is running.</exception>
    public LuaResumeResult Resume()
    {
        if (Status is not (LuaThreadStatus.NotStarted or LuaThreadStatus.Suspended))
        {
            throw new InvalidOperationException($"Cannot resume a thread that is {Status}.");
        }
        DiscardValues();
        var arguments = _pushed;
        _pushed = 0;
        Status = LuaThreadStatus.Running;
        var result = Owner.Resume(this, arguments);
        Status = result.IsYielded ? LuaThreadStatus.Suspended : LuaThreadStatus.Dead;
        _valueCount = result.ValueCount;
        return result;
    }

    /// <summary>
    /// The UTF-8 bytes of value <paramref name="index"/> (1-based) of the last resume when it is a string;
    /// empty otherwise. Valid until the next resume. Allocates nothing.
    /// </summary>
    public ReadOnlySpan<byte> GetValueBytes(int index) => IsValueIndex(index) ? LuaNative.ToBytes(Handle, StackIndex(index)) : default;

    /// <summary>Value <paramref name="index"/> (1-based) of the last resume as a double when it is a number; null otherwise. Allocates nothing.</summary>
    public double? GetValueNumber(int index)
    {
        if (!IsValueIndex(index))
        {
            return null;
        }
        var slot = StackIndex(index);
        if (LuaNative.lua_type(Handle, slot) != LuaType.Number)
        {
            return null;
        }
        return LuaNative.lua_isinteger(Handle, slot) != 0
            ? LuaNative.lua_tointegerx(Handle, slot, IntPtr.Zero)
            : LuaNative.lua_tonumberx(Handle, slot, IntPtr.Zero);
    }

    /// <summary>Type of value <paramref name="index"/> (1-based) of the last resume.</summary>
    public LuaType GetValueType(int index) => IsValueIndex(index) ? LuaNative.lua_type(Handle, StackIndex(index)) : LuaType.None;

    /// <summary>
    /// Value <paramref name="index"/> (1-based) of the last resume as .NET: null (nil or absent), bool, long
    /// (Lua integer), double (Lua float), string; other types give their Lua type name in angle brackets.
    /// </summary>
    public object? GetValue(int index)
    {
        if (!IsValueIndex(index))
        {
            return null;
        }
        var slot = StackIndex(index);
        return LuaNative.lua_type(Handle, slot) switch
        {
            LuaType.Nil => null,
            LuaType.Boolean => LuaNative.lua_toboolean(Handle, slot) != 0,
            LuaType.Number when LuaNative.lua_isinteger(Handle, slot) != 0 => LuaNative.lua_tointegerx(Handle, slot, IntPtr.Zero),
            LuaType.Number => LuaNative.lua_tonumberx(Handle, slot, IntPtr.Zero),
            LuaType.String => LuaNative.ToString(Handle, slot),
            var type => $"<{LuaArgs.TypeName(type)}>",
        };
    }

    /// <summary>Closes the thread: unwinds it and runs its pending to-be-closed variables, then releases it.</summary>
    /// <returns>Null when closing went cleanly, or the error a <c>__close</c> handler raised.</returns>
    /// <exception cref="InvalidOperationException">The thread is running (close it after its slice).</exception>
    public string? Close()
    {
        if (Status == LuaThreadStatus.Closed)
        {
            return null;
        }
        if (Status == LuaThreadStatus.Running)
        {
            throw new InvalidOperationException("Cannot close a running thread.");
        }
        Owner.CloseThread(this, out var error);
        Status = LuaThreadStatus.Closed;
        _valueCount = 0;
        _pushed = 0;
        return error;
    }

    /// <summary>Same as <see cref="Close"/>, ignoring a close error.</summary>
    public void Dispose() => Close();

    /// <summary>Copies value <paramref name="index"/> onto <paramref name="target"/> (a thread of the same state).</summary>
    internal void PushValueTo(IntPtr target, int index)
    {
        LuaNative.lua_pushvalue(Handle, StackIndex(index));
        LuaNative.lua_xmove(Handle, target, 1);
    }

    private void PrepareArgument()
    {
        if (Status is not (LuaThreadStatus.NotStarted or LuaThreadStatus.Suspended))
        {
            throw new InvalidOperationException($"Cannot push a value to a thread that is {Status}.");
        }
        DiscardValues();
        if (LuaNative.lua_checkstack(Handle, 1) == 0)
        {
            throw new InvalidOperationException("Too many values pushed to a Lua thread (its stack cannot grow).");
        }
        _pushed++;
    }

    private void DiscardValues()
    {
        if (_valueCount > 0)
        {
            // The yielded values sit below anything pushed since; remove exactly them.
            LuaNative.lua_rotate(Handle, -(_valueCount + _pushed), -_valueCount);
            LuaNative.Pop(Handle, _valueCount);
            _valueCount = 0;
        }
    }

    private bool IsValueIndex(int index) => index >= 1 && index <= _valueCount && Status != LuaThreadStatus.Closed;

    private int StackIndex(int index) => -(_valueCount + _pushed) + (index - 1);
}
