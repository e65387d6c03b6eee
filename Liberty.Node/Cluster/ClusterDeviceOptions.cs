using Liberty.Devices.Actors;

namespace Liberty.Node.Cluster;

/// <summary>How devices work across the cluster (<see cref="ClusterDevices"/>); validated at start.</summary>
public sealed class ClusterDeviceOptions
{
    /// <summary>
    /// Default <see cref="CommandTimeout"/>: 12 s, longer than the owner's default <see cref="DeviceActorOptions.CommandTimeout"/>
    /// (10 s) so that the owner's own Timeout answer arrives first.
    /// </summary>
    public static readonly TimeSpan DefaultCommandTimeout = DeviceActorOptions.DefaultCommandTimeout + TimeSpan.FromSeconds(2);

    /// <summary>Default <see cref="ResendInterval"/>: 1 s.</summary>
    public static readonly TimeSpan DefaultResendInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="LastHeardInterval"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultLastHeardInterval = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="RememberedCommands"/>: 4,096.</summary>
    public const int DefaultRememberedCommands = 4096;

    /// <summary>
    /// How long a command, write or query sent to another node's device may wait for the answer; past it the sender gets
    /// <c>Timeout</c> (an <c>ok=false</c> event for a task thread). Must be positive. Default <see cref="DefaultCommandTimeout"/>.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;

    /// <summary>
    /// How often a request still unanswered is sent again (the owner executes each command id once), and a watch of a
    /// remote device whose owner has not answered yet is repeated. Must be positive. Default <see cref="DefaultResendInterval"/>.
    /// </summary>
    public TimeSpan ResendInterval { get; set; } = DefaultResendInterval;

    /// <summary>
    /// How often this node refreshes its devices' last-heard times in the fleet directory (liveness changes, adds and
    /// removals are written at once). Must be positive. Default <see cref="DefaultLastHeardInterval"/>.
    /// </summary>
    public TimeSpan LastHeardInterval { get; set; } = DefaultLastHeardInterval;

    /// <summary>
    /// How many completed command ids this node remembers with their outcome, to answer a repeat without executing it
    /// again (oldest forgotten first). Must be positive. Default <see cref="DefaultRememberedCommands"/>.
    /// </summary>
    public int RememberedCommands { get; set; } = DefaultRememberedCommands;

    /// <summary>Lists what is wrong, by option name.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CommandTimeout <= TimeSpan.Zero)
        {
            problems.Add($"Cluster:Devices:CommandTimeout must be positive, was {CommandTimeout}.");
        }
        if (ResendInterval <= TimeSpan.Zero)
        {
            problems.Add($"Cluster:Devices:ResendInterval must be positive, was {ResendInterval}.");
        }
        if (LastHeardInterval <= TimeSpan.Zero)
        {
            problems.Add($"Cluster:Devices:LastHeardInterval must be positive, was {LastHeardInterval}.");
        }
        if (RememberedCommands <= 0)
        {
            problems.Add($"Cluster:Devices:RememberedCommands must be positive, was {RememberedCommands}.");
        }
        return problems;
    }
}
