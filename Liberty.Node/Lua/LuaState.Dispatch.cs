using System.Runtime.InteropServices;
using KeraLua;

namespace Liberty.Node.Lua;

internal sealed partial class LuaState
{
    // The one native entry point for every C# function of every state. Each Lua closure carries two
    // upvalues: a light userdata holding the state's GCHandle, and the function's index in _functions.
    // The delegate is static, so its native thunk lives as long as the process.
    private static readonly LuaNative.CFunction DispatchDelegate = Dispatch;
    private static readonly IntPtr DispatchPointer = Marshal.GetFunctionPointerForDelegate(DispatchDelegate);

    private readonly record struct Binding(string Name, LuaCallback Callback, bool Checked);

    // Runtime natives first, then the API's functions. Immutable after construction.
    private readonly Binding[] _functions;

    /// <summary>The last exception a C# callback threw (turned into a Lua error); for the engine's log.</summary>
    public Exception? LastCallbackException { get; private set; }

    /// <summary>Number of C# callbacks currently on this state's stack.</summary>
    internal int CallbackDepth { get; private set; }

    private static int Dispatch(IntPtr thread)
    {
        try
        {
            var handle = LuaNative.lua_touserdata(thread, LuaNative.UpvalueIndex(1));
            if (GCHandle.FromIntPtr(handle).Target is not LuaState state)
            {
                return 0;
            }
            var index = (int)LuaNative.lua_tointegerx(thread, LuaNative.UpvalueIndex(2), IntPtr.Zero);
            return state.Invoke(thread, index);
        }
        catch (Exception)
        {
            // Nothing may unwind into native code. Invoke already converts callback exceptions into Lua
            // errors; reaching here means the closure itself was malformed, which returns no results.
            return 0;
        }
    }

    private int Invoke(IntPtr thread, int index)
    {
        var binding = _functions[index];
        var mayRefuse = _mayRefuse;
        _mayRefuse = false;
        CallbackDepth++;
        try
        {
            var context = new LuaCallContext(this, thread, binding.Name);
            int count;
            try
            {
                count = binding.Callback(context);
            }
            catch (Exception exception)
            {
                LastCallbackException = exception;
                count = context.Fail($"{binding.Name}: internal error ({exception.GetType().Name}: {exception.Message})");
            }
            if (!binding.Checked)
            {
                return count < 0 ? 0 : count;
            }
            // A callback that used all its slots leaves none for the status; growing cannot raise here.
            _ = LuaNative.lua_checkstack(thread, 1);
            if (count >= 0)
            {
                // Status first: the wrapper sees (true, results...).
                LuaNative.lua_pushboolean(thread, 1);
                LuaNative.lua_rotate(thread, -(count + 1), 1);
                return count + 1;
            }
            // The message is on top: the wrapper sees (false, message).
            LuaNative.lua_pushboolean(thread, 0);
            LuaNative.lua_rotate(thread, -2, 1);
            return 2;
        }
        finally
        {
            CallbackDepth--;
            _mayRefuse = mayRefuse;
        }
    }

    /// <summary>Pushes a new Lua closure for function <paramref name="index"/> of <see cref="_functions"/>.</summary>
    private void PushClosure(IntPtr thread, int index)
    {
        LuaNative.lua_pushlightuserdata(thread, GCHandle.ToIntPtr(_handle));
        LuaNative.lua_pushinteger(thread, index);
        LuaNative.lua_pushcclosure(thread, DispatchPointer, 2);
    }

    private static Binding[] BindAll(LuaApi api)
    {
        var natives = LuaRuntimeNatives.All;
        var result = new Binding[natives.Count + api.Functions.Count];
        for (var i = 0; i < natives.Count; i++)
        {
            result[i] = new Binding(natives[i].Name, natives[i].Callback, natives[i].Checked);
        }
        for (var i = 0; i < api.Functions.Count; i++)
        {
            result[natives.Count + i] = new Binding(api.Functions[i].Name, api.Functions[i].Callback, Checked: true);
        }
        return result;
    }

    // Native "closure(index)": the lazy binder of the globals' __index pushes the raw C closure of an API function.
    internal static int NativeClosure(LuaCallContext context)
    {
        var index = LuaNative.lua_tointegerx(context.Thread, 1, IntPtr.Zero);
        var state = context.State;
        if (index < LuaRuntimeNatives.All.Count || index >= state._functions.Length)
        {
            context.PushNil();
            return 1;
        }
        state.PushClosure(context.Thread, (int)index);
        return 1;
    }

    // Native "api_index(name)": the dispatch index of the API function called name, or nil (any non-string too).
    internal static int NativeApiIndex(LuaCallContext context)
    {
        var l = context.Thread;
        if (LuaNative.lua_type(l, 1) == LuaType.String && LuaNative.ToString(l, 1) is { } name
            && context.State._api.IndexByName.TryGetValue(name, out var index))
        {
            LuaNative.lua_pushinteger(l, LuaRuntimeNatives.All.Count + index);
        }
        else
        {
            context.PushNil();
        }
        return 1;
    }

    // Native "api_adapter(index)": the Lua adapter source of API function index, or nil.
    internal static int NativeApiAdapter(LuaCallContext context)
    {
        if (ApiFunctionAt(context) is { Adapter: { } adapter })
        {
            context.PushString(adapter);
        }
        else
        {
            context.PushNil();
        }
        return 1;
    }

    // Native "api_names(index)": a new array of the global names (the name and its aliases) of API function index.
    internal static int NativeApiNames(LuaCallContext context)
    {
        var l = context.Thread;
        var names = ApiFunctionAt(context)?.Names ?? [];
        LuaNative.lua_createtable(l, names.Count, 0);
        for (var n = 0; n < names.Count; n++)
        {
            LuaNative.PushString(l, names[n]);
            LuaNative.lua_rawseti(l, -2, n + 1);
        }
        return 1;
    }

    private static LuaApiFunction? ApiFunctionAt(in LuaCallContext context)
    {
        var index = LuaNative.lua_tointegerx(context.Thread, 1, IntPtr.Zero) - LuaRuntimeNatives.All.Count;
        var functions = context.State._api.Functions;
        return index >= 0 && index < functions.Count ? functions[(int)index] : null;
    }

    // Native "should_stop()": the kill hook's question. Plain boolean, no allocation.
    internal static int NativeShouldStop(LuaCallContext context)
    {
        context.PushBoolean(context.State.ShouldStop);
        return 1;
    }

    private static LuaType RawGetRegistry(IntPtr thread, int reference) => LuaNative.lua_rawgeti(thread, LuaNative.RegistryIndex, reference);
}
