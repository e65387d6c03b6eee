using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers;

/// <summary>Per-device parameters of a simulated device (the <c>Parameters</c> of its declaration).</summary>
/// <param name="InitialLevel">Dimmable light: level at start, 0..255 [level].</param>
/// <param name="MinLevel">Dimmable light: MinLevel, 0..255 [minLevel].</param>
/// <param name="NumberOfStates">Multistate: number of states, at least 1 [states].</param>
/// <param name="MultistateCluster">Multistate: which multistate cluster, 0x0012–0x0014 [cluster].</param>
/// <param name="Temperature">Sensor and thermostat: temperature at start, 0.01 °C [temperature].</param>
/// <param name="Seed">Seed of the drift; 0 derives it from the device id, so runs repeat [seed].</param>
internal sealed record SimulatedDeviceParameters(
    int InitialLevel = 0,
    int MinLevel = 0,
    int NumberOfStates = 3,
    int MultistateCluster = ClusterIds.MultistateValue,
    int Temperature = 2000,
    long Seed = 0);
