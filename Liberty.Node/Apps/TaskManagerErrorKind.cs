namespace Liberty.Node.Apps;

/// <summary>Why a <see cref="TaskManager"/> call failed; the HTTP API maps it to a status code.</summary>
public enum TaskManagerErrorKind
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The app or task does not exist (404).</summary>
    NotFound,

    /// <summary>The input is wrong: bad Lua, a bad signature, bad arguments, a bad name (400).</summary>
    Invalid,

    /// <summary>The request conflicts with the current state: a task in the wrong state, an app still in use (409).</summary>
    Conflict,
}
