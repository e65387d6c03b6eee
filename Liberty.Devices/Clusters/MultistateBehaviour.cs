using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// A multistate cluster (Input 0x0012, Output 0x0013, Value 0x0014): PresentValue in 1..NumberOfStates. Output and
/// Value accept writes of PresentValue (<c>Libre_MultistateSet</c>); Input is set only by the device.
/// </summary>
internal sealed class MultistateBehaviour : ClusterBehaviour
{
    public MultistateBehaviour(AttributeTable table, int clusterId, int numberOfStates, int presentValue = 1)
        : base(clusterId, table)
    {
        if (!ClusterIds.IsMultistate(clusterId))
        {
            throw new ArgumentOutOfRangeException(nameof(clusterId), clusterId, "Not a multistate cluster (0x0012–0x0014).");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfStates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(presentValue, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(presentValue, numberOfStates);
        table.Set(clusterId, AttributeIds.Multistate.NumberOfStates, (long)numberOfStates, EventSource.Report);
        table.Set(clusterId, AttributeIds.Multistate.PresentValue, (long)presentValue, EventSource.Report);
    }

    /// <summary>The NumberOfStates attribute.</summary>
    public int NumberOfStates => (int)Table.GetInt64(ClusterId, AttributeIds.Multistate.NumberOfStates);

    /// <summary>Sets PresentValue from the device side (any multistate cluster).</summary>
    /// <returns>False, changing nothing, when <paramref name="value"/> is outside 1..NumberOfStates.</returns>
    public bool TrySetPresentValue(int value, EventSource source)
    {
        if (value < 1 || value > NumberOfStates)
        {
            return false;
        }
        Table.Set(ClusterId, AttributeIds.Multistate.PresentValue, (long)value, source);
        return true;
    }

    protected override CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all) =>
        attribute == AttributeIds.Multistate.PresentValue && ClusterId != ClusterIds.MultistateInput
            ? CheckRange(attribute, value, 1, NumberOfStates)
            : base.CheckWrite(attribute, value, all);
}
