namespace Liberty.Node.Lua.Api;

/// <summary>The reactive socket callbacks (<c>Libre_SetOnNet*</c>).</summary>
internal enum LuaNetEvent
{
    /// <summary><c>Libre_SetOnNetReady</c>: <c>cb(tag, fd)</c> once a connect finished.</summary>
    Ready,

    /// <summary><c>Libre_SetOnNetData</c>: <c>cb(tag, fd, data)</c> (data a string; UDP adds the sender "ip:port").</summary>
    Data,

    /// <summary><c>Libre_SetOnNetDrain</c>: <c>cb(tag, fd)</c> when everything written has been sent.</summary>
    Drain,

    /// <summary><c>Libre_SetOnNetClosed</c>: <c>cb(tag, fd)</c> when the peer closed the connection (after the last data).</summary>
    Closed,

    /// <summary><c>Libre_SetOnNetError</c>: <c>cb(tag, fd, message)</c> when a connect or the connection failed.</summary>
    Error,

    /// <summary><c>Libre_SetOnNetHttpResponse</c>: <c>cb(tag, fd, {statusCode, body})</c> (status 0 and <c>error</c> on failure).</summary>
    HttpResponse,
}
