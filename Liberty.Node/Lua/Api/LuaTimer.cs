using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// A reactive timer (<c>Libre_TimerNew</c>): one-shot, owned by the thread that created it (its expiries are
/// that thread's events, its callback runs in that thread's <c>Libre_WaitReactive</c>). It is also the key of
/// its callback in <see cref="LuaThread.SetCallback"/>.
/// </summary>
/// <remarks><b>Thread:</b> the cooperative thread, in the owner's code or callbacks.</remarks>
internal sealed class LuaTimer
{
    internal LuaTimer(long id, LuaThread owner)
    {
        Id = id;
        Owner = owner;
    }

    /// <summary>The id Lua sees (unique within the task).</summary>
    public long Id { get; }

    /// <summary>The thread that owns it.</summary>
    public LuaThread Owner { get; }

    /// <summary>The engine timer of the current arming; null while on hold.</summary>
    public EngineTimer? Engine { get; private set; }

    /// <summary>True while armed.</summary>
    public bool IsArmed => Engine is { IsRunning: true };

    /// <summary>Arms it to expire once after <paramref name="milliseconds"/> (0 or less: on hold).</summary>
    public void Arm(double milliseconds)
    {
        Hold();
        if (milliseconds <= 0 || double.IsNaN(milliseconds))
        {
            return;
        }
        Engine = Owner.Context.StartTimer(TimeSpan.FromMilliseconds(Math.Min(milliseconds, int.MaxValue)));
    }

    /// <summary>Puts it on hold: no expiry follows (an expiry already queued is dropped).</summary>
    public void Hold()
    {
        if (Engine is { } engine)
        {
            engine.Discard();
            Engine = null;
        }
    }
}
