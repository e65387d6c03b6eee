namespace Liberty.Devices.Drivers;

/// <summary>Options of Linux sysfs devices (configuration section <c>Devices:Sysfs</c>).</summary>
public sealed class SysfsDriverOptions
{
    /// <summary>Default <see cref="Root"/>: <c>/sys</c>.</summary>
    public const string DefaultRoot = "/sys";

    /// <summary>Default <see cref="PollInterval"/>: 1 s.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The directory device paths are relative to. Default <see cref="DefaultRoot"/>; tests point it at a fake
    /// tree. Must not be empty.</summary>
    public string Root { get; set; } = DefaultRoot;

    /// <summary>How often device files are read to notice changes and failures. Default <see cref="DefaultPollInterval"/>; must be above 0.</summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>How often an LED's level transition writes its brightness. Default 100 ms
    /// (<see cref="SimulatedDriverOptions.DefaultTransitionTickInterval"/>); must be above 0.</summary>
    public TimeSpan TransitionTickInterval { get; set; } = SimulatedDriverOptions.DefaultTransitionTickInterval;

    /// <summary>Checks the options.</summary>
    /// <returns>One message per invalid property, naming it; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Root))
        {
            errors.Add("Sysfs.Root must not be empty.");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"Sysfs.PollInterval must be above zero (was {PollInterval}).");
        }
        if (TransitionTickInterval <= TimeSpan.Zero)
        {
            errors.Add($"Sysfs.TransitionTickInterval must be above zero (was {TransitionTickInterval}).");
        }
        return errors;
    }
}
