namespace Liberty.Devices.Drivers;

/// <summary>Options of simulated devices (configuration section <c>Devices:Simulated</c>).</summary>
public sealed class SimulatedDriverOptions
{
    /// <summary>Default <see cref="CommandTimeout"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default <see cref="LivenessInterval"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultLivenessInterval = TimeSpan.FromSeconds(5);

    /// <summary>Default <see cref="SampleInterval"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="TransitionTickInterval"/>: 100 ms, ZCL's transition-time resolution.</summary>
    public static readonly TimeSpan DefaultTransitionTickInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Default <see cref="TemperatureDriftStep"/>: 5 (0.05 °C).</summary>
    public const int DefaultTemperatureDriftStep = 5;

    /// <summary>How long every command and write takes to be answered. Default 0 (answered at once, result Success);
    /// above 0 the result is Pending and completes after this long. Negative is invalid.</summary>
    public TimeSpan CommandLatency { get; set; } = TimeSpan.Zero;

    /// <summary>How long a pending command waits for its answer before it completes with Timeout. Default
    /// <see cref="DefaultCommandTimeout"/>; must be above 0.</summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;

    /// <summary>How often the device is asked whether it is alive (a device that does not answer turns ok=false at the
    /// next check, and ok=true at the first check it answers). Default <see cref="DefaultLivenessInterval"/>; must be above 0.</summary>
    public TimeSpan LivenessInterval { get; set; } = DefaultLivenessInterval;

    /// <summary>How often sensors and thermostats take a new reading. Default <see cref="DefaultSampleInterval"/>; must be above 0.</summary>
    public TimeSpan SampleInterval { get; set; } = DefaultSampleInterval;

    /// <summary>How often a level transition reports its progress. Default <see cref="DefaultTransitionTickInterval"/>; must be above 0.</summary>
    public TimeSpan TransitionTickInterval { get; set; } = DefaultTransitionTickInterval;

    /// <summary>The largest change of a simulated temperature per sample, in 0.01 °C (a thermostat's room moves this
    /// much towards its setpoint). Default <see cref="DefaultTemperatureDriftStep"/>; 0 keeps temperatures constant;
    /// negative is invalid.</summary>
    public int TemperatureDriftStep { get; set; } = DefaultTemperatureDriftStep;

    /// <summary>Checks the options.</summary>
    /// <returns>One message per invalid property, naming it; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CommandLatency < TimeSpan.Zero)
        {
            errors.Add($"Simulated.CommandLatency must not be negative (was {CommandLatency}).");
        }
        Positive(errors, nameof(CommandTimeout), CommandTimeout);
        Positive(errors, nameof(LivenessInterval), LivenessInterval);
        Positive(errors, nameof(SampleInterval), SampleInterval);
        Positive(errors, nameof(TransitionTickInterval), TransitionTickInterval);
        if (TemperatureDriftStep < 0)
        {
            errors.Add($"Simulated.TemperatureDriftStep must not be negative (was {TemperatureDriftStep}).");
        }
        return errors;
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Simulated.{name} must be above zero (was {value}).");
        }
    }
}
