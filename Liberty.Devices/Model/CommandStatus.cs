namespace Liberty.Devices.Model;

/// <summary>How a command or attribute write ended (or that it has not ended yet).</summary>
public enum CommandStatus
{
    /// <summary>Done; its effects arrive as attribute reports.</summary>
    Success = 0,

    /// <summary>Accepted; the driver completes it later through its sink (<c>IDeviceDriverSink.OnCommandCompleted</c>).</summary>
    Pending,

    /// <summary>The device does not implement the cluster.</summary>
    UnsupportedCluster,

    /// <summary>The cluster has no such command.</summary>
    UnsupportedCommand,

    /// <summary>The cluster has no such attribute.</summary>
    UnsupportedAttribute,

    /// <summary>The attribute exists but cannot be written (or the device takes no commands).</summary>
    ReadOnly,

    /// <summary>An argument or value is missing, of the wrong kind or out of range.</summary>
    InvalidArgument,

    /// <summary>The device tried and failed.</summary>
    Failed,

    /// <summary>The device did not answer in time.</summary>
    Timeout,

    /// <summary>The device is known to be unreachable; nothing was sent.</summary>
    Unreachable,
}
