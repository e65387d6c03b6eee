namespace Liberty.Node.Management;

/// <summary>Why a task-service call failed; the API maps each to an HTTP status.</summary>
internal enum ServiceErrorKind
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The app or task does not exist (404).</summary>
    NotFound,

    /// <summary>The request is wrong: bad Lua, bad arguments, unknown function (400).</summary>
    Invalid,

    /// <summary>The request conflicts with the current state: a task already running, an app in use (409).</summary>
    Conflict,

    /// <summary>This build has no task manager (503).</summary>
    Unavailable,
}
