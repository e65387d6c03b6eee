using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers;

/// <summary>Creates drivers from configuration: what the device registry calls for each <see cref="DeviceDeclaration"/>.</summary>
public static class DeviceDriverFactory
{
    private static readonly string[] SimulatedKinds = [.. Enum.GetValues<SimulatedKind>().Select(SimulatedDeviceDriver.KindName)];

    /// <summary>Creates the driver of a declared device (not started).</summary>
    /// <param name="node">This node's name, the first part of the device's id.</param>
    /// <param name="declaration">The declaration.</param>
    /// <param name="index">The declaration's position in <see cref="DevicesOptions.Devices"/>, for messages.</param>
    /// <param name="options">The devices options (already validated).</param>
    /// <param name="loggerFactory">Where drivers log.</param>
    /// <param name="driver">The driver when the declaration is valid.</param>
    /// <param name="error">What is wrong, with its configuration path (<c>Devices:Devices:2:Kind</c>); null on success.</param>
    /// <returns>True when the driver was created.</returns>
    public static bool TryCreate(string node, DeviceDeclaration declaration, int index, DevicesOptions options, ILoggerFactory loggerFactory,
        [NotNullWhen(true)] out IDeviceDriver? driver, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        driver = null;
        var at = $"Devices:Devices:{index}";
        if (!DeviceId.TryParse(node + "/" + declaration.Name, out var id, out var nameError))
        {
            error = $"{at}:Name: {nameError}";
            return false;
        }
        int? type = null;
        if (declaration.Type is { } typeText)
        {
            var hex = typeText.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (!int.TryParse(hex ? typeText[2..] : typeText, hex ? NumberStyles.HexNumber : NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or >= DeviceTypes.Any)
            {
                error = $"{at}:Type: '{typeText}' is not a device type (e.g. 0x0101).";
                return false;
            }
            type = parsed;
        }
        var logger = loggerFactory.CreateLogger("Liberty.Devices." + id.Name);
        var p = new Parameters(declaration.Parameters, at);
        switch (declaration.Driver.ToLowerInvariant())
        {
            case "simulated":
                var kindIndex = Array.IndexOf(SimulatedKinds, declaration.Kind.ToLowerInvariant());
                if (kindIndex < 0)
                {
                    error = $"{at}:Kind: unknown simulated kind '{declaration.Kind}'; expected one of {string.Join(", ", SimulatedKinds)}.";
                    return false;
                }
                var defaults = new SimulatedDeviceParameters();
                var parameters = new SimulatedDeviceParameters(
                    p.Int("level", defaults.InitialLevel, 0, 255), p.Int("minLevel", defaults.MinLevel, 0, 255), p.Int("states", defaults.NumberOfStates, 1, 0xFFFF),
                    p.Int("cluster", defaults.MultistateCluster, ClusterIds.MultistateInput, ClusterIds.MultistateValue),
                    p.Int("temperature", defaults.Temperature, -27315, 32767), p.Int("seed", 0, int.MinValue, int.MaxValue));
                if (p.Error is not null || parameters.InitialLevel > 0 && parameters.InitialLevel < parameters.MinLevel)
                {
                    error = p.Error ?? $"{at}:Parameters: level must be 0 or at least minLevel.";
                    return false;
                }
                driver = new SimulatedDeviceDriver(id, Enum.GetValues<SimulatedKind>()[kindIndex], parameters, options.Simulated, logger, type);
                break;
            case "sysfs":
                SysfsKind? sysfsKind = declaration.Kind.ToLowerInvariant() switch
                {
                    "led" => SysfsKind.Led,
                    "gpio" => SysfsKind.Gpio,
                    "thermal" => SysfsKind.Thermal,
                    _ => null,
                };
                if (sysfsKind is null)
                {
                    error = $"{at}:Kind: unknown sysfs kind '{declaration.Kind}'; expected one of led, gpio, thermal.";
                    return false;
                }
                if (!declaration.Parameters.TryGetValue("path", out var path) || string.IsNullOrWhiteSpace(path) || path.Contains("..", StringComparison.Ordinal))
                {
                    error = $"{at}:Parameters:path: a path under the sysfs root (e.g. class/leds/led0) is required, without '..'.";
                    return false;
                }
                driver = new SysfsDeviceDriver(id, sysfsKind.Value, path, options.Sysfs, logger, type);
                break;
            default:
                error = $"{at}:Driver: unknown driver '{declaration.Driver}'; expected simulated or sysfs.";
                return false;
        }
        error = null;
        return true;
    }

    private sealed class Parameters(Dictionary<string, string> values, string at)
    {
        public string? Error { get; private set; }

        public int Int(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }
            var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.HexNumber : NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }
            Error ??= $"{at}:Parameters:{name}: '{text}' must be an integer in {min}..{max}.";
            return fallback;
        }
    }
}
