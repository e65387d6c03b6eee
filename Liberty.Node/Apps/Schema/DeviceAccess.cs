namespace Liberty.Node.Apps.Schema;

/// <summary>
/// A Device parameter's <c>Access</c> attribute: how the app means to use the device. Recorded for the UI and the
/// management API; it does not restrict which devices are accepted.
/// </summary>
internal enum DeviceAccess
{
    /// <summary>No Access attribute.</summary>
    Unspecified,

    /// <summary><c>Read</c>: the app watches the device.</summary>
    Read,

    /// <summary><c>Write</c>: the app commands the device.</summary>
    Write,

    /// <summary><c>ReadWrite</c>: both.</summary>
    ReadWrite,
}
