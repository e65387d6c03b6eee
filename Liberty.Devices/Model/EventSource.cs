namespace Liberty.Devices.Model;

/// <summary>
/// Where a device event came from: the <c>s</c> field apps see, with Liberty's exact numbers.
/// Lower is "more direct"; apps compare the numbers.
/// </summary>
public enum EventSource
{
    /// <summary>0: no source given.</summary>
    None = 0,

    /// <summary>1: a person at the device (a switch pressed, a GPIO input changed).</summary>
    ManualLocal = 1,

    /// <summary>2: a person through a remote control, the web UI or the CLI.</summary>
    ManualRemote = 2,

    /// <summary>3: automation on the device itself (a timed off expiring).</summary>
    AutoLocal = 3,

    /// <summary>4: automation elsewhere.</summary>
    AutoRemote = 4,

    /// <summary>5: an app task.</summary>
    AppEngine = 5,

    /// <summary>6: an answer to a query.</summary>
    Query = 6,

    /// <summary>7: the device reporting on its own (a sensor sample, a state change found by polling).</summary>
    Report = 7,

    /// <summary>8: group state.</summary>
    GroupState = 8,
}
