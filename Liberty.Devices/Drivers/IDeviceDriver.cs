using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers;

/// <summary>
/// The device side of a device: simulated, virtual or real hardware. One owner (the device actor) drives it with
/// synchronous calls that never block on the device for long, passing its current time; the driver answers through
/// return values and its <see cref="IDeviceDriverSink"/>.
/// </summary>
/// <remarks>
/// <para><b>Tick model.</b> A driver starts no timers and reads no clock. After every call the owner reads
/// <see cref="NextDue"/> and, if it is set, arranges to call <see cref="Tick"/> at that time (one keyed actor timer).
/// Transitions, timed off, sensor sampling, polling, simulated latency and liveness checks all progress this way, so
/// virtual time drives them all. Early, late or repeated ticks are harmless.</para>
/// <para><b>Thread:</b> single owner; not thread-safe. <b>Cancellation:</b> calls are synchronous and short; nothing to
/// cancel. <b>Ordering:</b> commands take effect in call order (a simulated latency delays each by the same amount, so
/// order is kept); sink calls follow the order effects happen.</para>
/// </remarks>
public interface IDeviceDriver
{
    /// <summary>What the device is.</summary>
    DeviceInfo Info { get; }

    /// <summary>Whether the device is reachable, as last established (false before <see cref="Start"/>).</summary>
    bool IsOk { get; }

    /// <summary>When <see cref="Tick"/> is next needed; null when nothing is scheduled or the driver is stopped.</summary>
    DateTimeOffset? NextDue { get; }

    /// <summary>
    /// Starts the driver: reads or initialises the device, reports its attributes (if it is reachable) through
    /// <see cref="IDeviceDriverSink.OnEvent"/>, then its liveness through <see cref="IDeviceDriverSink.OnLivenessChanged"/>.
    /// A device that cannot be reached is a started driver with <see cref="IsOk"/> false, not an exception.
    /// </summary>
    /// <param name="sink">Where the driver reports; kept until <see cref="Shutdown"/>.</param>
    /// <param name="now">The owner's current time.</param>
    /// <exception cref="InvalidOperationException">The driver was already started.</exception>
    void Start(IDeviceDriverSink sink, DateTimeOffset now);

    /// <summary>Stops the driver (named Shutdown because VB reserves Stop): pending commands are dropped without completion, nothing more is reported, <see cref="NextDue"/> becomes null. Idempotent.</summary>
    void Shutdown();

    /// <summary>Sends a command to the device.</summary>
    /// <param name="command">The command.</param>
    /// <param name="now">The owner's current time.</param>
    /// <returns>
    /// Success (effects are already reported or will follow as reports), Pending (completion comes through
    /// <see cref="IDeviceDriverSink.OnCommandCompleted"/>), or why it was refused or failed. Never throws for a bad
    /// command or an unreachable device.
    /// </returns>
    /// <exception cref="InvalidOperationException">The driver is not started.</exception>
    CommandResult Execute(DeviceCommand command, DateTimeOffset now);

    /// <summary>Writes attributes of one cluster, all or none.</summary>
    /// <param name="write">The write.</param>
    /// <param name="now">The owner's current time.</param>
    /// <returns>As <see cref="Execute"/>.</returns>
    /// <exception cref="InvalidOperationException">The driver is not started.</exception>
    CommandResult WriteAttributes(AttributeWrite write, DateTimeOffset now);

    /// <summary>The device-side attribute values as the driver knows them now (a copy).</summary>
    /// <returns>Attribute address → value; empty before start or for a virtual device nothing was reported for.</returns>
    IReadOnlyDictionary<AttributeKey, AttributeValue> ReadAttributes();

    /// <summary>Answers a query: re-reads the device where that means something and reports every cluster with source <see cref="EventSource.Query"/>.</summary>
    /// <param name="now">The owner's current time.</param>
    /// <exception cref="InvalidOperationException">The driver is not started.</exception>
    void Refresh(DateTimeOffset now);

    /// <summary>Advances everything due at or before <paramref name="now"/>. Does nothing when stopped or nothing is due.</summary>
    /// <param name="now">The owner's current time.</param>
    void Tick(DateTimeOffset now);
}
