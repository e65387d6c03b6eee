namespace Liberty.Devices.Model;

/// <summary>
/// Cluster ids as the Zigbee Cluster Library numbers them and Liberty apps use them (the <c>c</c> field of
/// an event, the cluster argument of <c>Libre_DeviceCommand</c>), plus Libertas' own level-config cluster.
/// </summary>
public static class ClusterIds
{
    /// <summary>On/Off (ZCL 0x0006): attribute <see cref="AttributeIds.OnOff.State"/>, commands in <see cref="CommandIds.OnOff"/>.</summary>
    public const int OnOff = 0x0006;

    /// <summary>Level Control (ZCL 0x0008): attribute <see cref="AttributeIds.Level.CurrentLevel"/>, commands in <see cref="CommandIds.Level"/>.</summary>
    public const int Level = 0x0008;

    /// <summary>Multistate Input (ZCL 0x0012): present value read-only from outside the device.</summary>
    public const int MultistateInput = 0x0012;

    /// <summary>Multistate Output (ZCL 0x0013): present value writable.</summary>
    public const int MultistateOutput = 0x0013;

    /// <summary>Multistate Value (ZCL 0x0014): present value writable.</summary>
    public const int MultistateValue = 0x0014;

    /// <summary>Thermostat (ZCL 0x0201): setpoints in 0.01 °C, system mode.</summary>
    public const int Thermostat = 0x0201;

    /// <summary>Temperature Measurement (ZCL 0x0402): measured value in 0.01 °C.</summary>
    public const int TemperatureMeasurement = 0x0402;

    /// <summary>Libertas level configuration (0xFC02): how controls of a level device behave (attributes 0–5).</summary>
    public const int LevelConfig = 0xFC02;

    /// <summary>Returns a readable name for display ("On/Off", "Level", ...), or the id in hex for unknown clusters.</summary>
    /// <param name="clusterId">The cluster id.</param>
    /// <returns>The display name; never null.</returns>
    public static string GetName(int clusterId) => clusterId switch
    {
        OnOff => "On/Off",
        Level => "Level",
        MultistateInput => "Multistate Input",
        MultistateOutput => "Multistate Output",
        MultistateValue => "Multistate Value",
        Thermostat => "Thermostat",
        TemperatureMeasurement => "Temperature Measurement",
        LevelConfig => "Level Config",
        _ => $"0x{clusterId:X4}",
    };

    /// <summary>True for the three multistate clusters 0x0012–0x0014.</summary>
    /// <param name="clusterId">The cluster id.</param>
    /// <returns>Whether the cluster is a multistate cluster.</returns>
    public static bool IsMultistate(int clusterId) => clusterId is MultistateInput or MultistateOutput or MultistateValue;
}
