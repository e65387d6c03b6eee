namespace Liberty.Devices.Actors;

/// <summary>How device actors treat slow devices; validated by the registry at start.</summary>
public sealed class DeviceActorOptions
{
    /// <summary>Default <see cref="CommandTimeout"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a pending command may wait for its driver. Past it the sender gets
    /// <c>Timeout</c>, and the device turns <c>ok=false</c> (it stopped answering) until the driver is
    /// heard from again. Must be positive. Default <see cref="DefaultCommandTimeout"/>.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;

    /// <summary>Lists what is wrong, by option name.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate() =>
        CommandTimeout <= TimeSpan.Zero ? [$"DeviceActor:CommandTimeout must be positive, was {CommandTimeout}."] : [];
}
