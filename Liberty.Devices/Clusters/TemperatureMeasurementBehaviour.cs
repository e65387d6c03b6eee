using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// Temperature Measurement cluster (0x0402): MeasuredValue in 0.01 °C within MinMeasuredValue..MaxMeasuredValue, set by
/// the device only (every attribute is read-only from outside).
/// </summary>
internal sealed class TemperatureMeasurementBehaviour : ClusterBehaviour
{
    public TemperatureMeasurementBehaviour(AttributeTable table, int measuredValue, int minMeasured = -4000, int maxMeasured = 12500, int tolerance = 50)
        : base(ClusterIds.TemperatureMeasurement, table)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minMeasured, maxMeasured);
        table.Set(ClusterId, AttributeIds.TemperatureMeasurement.MeasuredValue, (long)Math.Clamp(measuredValue, minMeasured, maxMeasured), EventSource.Report);
        table.Set(ClusterId, AttributeIds.TemperatureMeasurement.MinMeasuredValue, (long)minMeasured, EventSource.Report);
        table.Set(ClusterId, AttributeIds.TemperatureMeasurement.MaxMeasuredValue, (long)maxMeasured, EventSource.Report);
        table.Set(ClusterId, AttributeIds.TemperatureMeasurement.Tolerance, (long)tolerance, EventSource.Report);
    }

    /// <summary>The MeasuredValue attribute in 0.01 °C.</summary>
    public int MeasuredValue => (int)Table.GetInt64(ClusterId, AttributeIds.TemperatureMeasurement.MeasuredValue);

    /// <summary>Sets MeasuredValue from a reading.</summary>
    /// <returns>False, changing nothing, when the reading is outside MinMeasuredValue..MaxMeasuredValue.</returns>
    public bool TrySetMeasuredValue(int value, EventSource source)
    {
        if (value < Table.GetInt64(ClusterId, AttributeIds.TemperatureMeasurement.MinMeasuredValue)
            || value > Table.GetInt64(ClusterId, AttributeIds.TemperatureMeasurement.MaxMeasuredValue))
        {
            return false;
        }
        Table.Set(ClusterId, AttributeIds.TemperatureMeasurement.MeasuredValue, (long)value, source);
        return true;
    }
}
