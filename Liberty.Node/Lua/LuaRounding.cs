namespace Liberty.Node.Lua;

/// <summary>What <see cref="LuaArgs.TryGetInteger"/> does with a number that has a fractional part.</summary>
internal enum LuaRounding
{
    /// <summary>A fraction is an error ("must be an integer"). Floats with an integral value (<c>10 / 2</c>) are accepted.</summary>
    Reject,

    /// <summary>Toward zero, as LuaJIT's <c>%d</c> does.</summary>
    Truncate,

    /// <summary>To the nearest integer, halves away from zero.</summary>
    Nearest,

    /// <summary>Up (toward positive infinity), e.g. a wait in milliseconds that must not end early.</summary>
    Ceiling,
}
